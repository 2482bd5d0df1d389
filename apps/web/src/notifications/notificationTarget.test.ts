import { describe, expect, it } from 'vitest';
import type { Notification } from '@yipan/protocol';
import { notificationTarget } from './notificationTarget';

const stored = { id: 1, createdAt: '2021-03-01T08:00:00.000Z', readAt: null };

describe('notificationTarget', () => {
  it('opens the plan a publication or a reminder is about', () => {
    const published: Notification = {
      ...stored,
      planId: 'city-2021',
      kind: 'plan_published',
      detail: { orgName: '示范市', planTitle: '计划', year: 2021, jointCount: 2 },
    };
    const reminder: Notification = {
      ...stored,
      planId: 'county-1-2021',
      kind: 'reminder',
      detail: { orgName: '示范市', planTitle: '计划', pending: 1 },
    };
    expect(notificationTarget(published)).toBe('/plans/city-2021');
    expect(notificationTarget(reminder)).toBe('/plans/county-1-2021');
  });

  it('opens the reader’s linked topic for an upstream change and the matrix for a child’s answer', () => {
    const upstream: Notification = {
      ...stored,
      planId: 'county-1-2021',
      kind: 'upstream_changed',
      detail: {
        orgName: '示范市',
        parentTitle: '执行难',
        topicId: 'topic-7',
        topicTitle: '执行',
        fields: ['month'],
      },
    };
    const answered: Notification = {
      ...stored,
      planId: 'city-2021',
      kind: 'child_answered',
      detail: { orgName: '示范县', topicTitle: '执行难', answer: 'adopt' },
    };
    expect(notificationTarget(upstream)).toBe('/plans/county-1-2021#topic=topic-7');
    expect(notificationTarget(answered)).toBe('/plans/city-2021/alignment');
  });

  it('leads nowhere when the notification names no plan', () => {
    expect(
      notificationTarget({
        ...stored,
        planId: null,
        kind: 'reminder',
        detail: { orgName: '示范市', planTitle: '计划', pending: 1 },
      }),
    ).toBeNull();
  });
});
