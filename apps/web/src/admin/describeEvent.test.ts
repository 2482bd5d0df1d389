import { describe, expect, it } from 'vitest';
import type { Label } from '@yipan/domain';
import type { SecurityEvent } from '@yipan/protocol';
import { formatMessage, type MessageParams } from '../i18n/formatMessage';
import { zhCN, type MessageKey } from '../i18n/zh-CN';
import { describeEvent, type EventWords } from './describeEvent';

const words: EventWords = {
  t: (key: MessageKey, params?: MessageParams) => formatMessage(zhCN[key], params),
  label: (label: Label) => label.zh,
  orgName: (id) => ({ 'county-1': '示范县' })[id] ?? null,
  userName: (id) => ({ 'user-county-editor': '示范县人大办 孙丽' })[id] ?? null,
};

const event = (patch: Partial<SecurityEvent>): SecurityEvent => ({
  id: 1,
  at: '2021-06-15T10:00:00.000Z',
  kind: 'sign_in_succeeded',
  actor: null,
  target: null,
  orgId: null,
  ip: '127.0.0.1',
  detail: {},
  ...patch,
});

describe('describeEvent', () => {
  it('tells of role changes with the user’s name and the role labels', () => {
    const detail = { userId: 'user-county-editor', role: { from: 'editor', to: 'viewer' } };
    expect(describeEvent(event({ kind: 'membership_changed', detail }), words)).toBe(
      '示范县人大办 孙丽：编辑 → 查看',
    );
    const added = { userId: 'usr-x', role: { from: null, to: 'editor' } };
    expect(describeEvent(event({ kind: 'membership_changed', detail: added }), words)).toBe(
      'usr-x：加入，角色为 编辑',
    );
    const removed = { userId: 'user-county-editor', role: { from: 'admin', to: null } };
    expect(describeEvent(event({ kind: 'membership_changed', detail: removed }), words)).toBe(
      '示范县人大办 孙丽：被移除（原为 管理员）',
    );
  });

  it('names the username of a failed sign-in and new accounts and organisations', () => {
    expect(describeEvent(event({ kind: 'sign_in_failed', detail: { username: 'city.admn' } }), words)).toBe(
      '用户名 city.admn',
    );
    expect(
      describeEvent(event({ kind: 'user_created', detail: { username: 'new.user', role: 'viewer' } }), words),
    ).toBe('new.user（查看）');
    expect(
      describeEvent(event({ kind: 'org_created', detail: { name: '示范新镇', level: 'township' } }), words),
    ).toBe('示范新镇（乡镇）');
    expect(
      describeEvent(
        event({ kind: 'org_changed', orgId: 'county-1', detail: { name: {}, committees: {} } }),
        words,
      ),
    ).toBe('示范县：修改了 名称、委室');
  });

  it('explains refused access and says nothing extra for plain sign-ins', () => {
    expect(
      describeEvent(
        event({ kind: 'access_denied', target: 'doc:plan:city-2021', detail: { reason: 'forbidden' } }),
        words,
      ),
    ).toBe('无访问权限（计划 city-2021）');
    expect(
      describeEvent(event({ kind: 'access_denied', detail: { reason: 'origin_mismatch' } }), words),
    ).toBe('请求来源不被允许');
    expect(describeEvent(event({ kind: 'sign_in_succeeded' }), words)).toBe('');
  });
});
