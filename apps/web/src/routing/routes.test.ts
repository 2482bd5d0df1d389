import { describe, expect, it } from 'vitest';
import {
  adminPath,
  alignmentPath,
  dashboardPath,
  followUpPath,
  loginPath,
  meetingPath,
  meetingsPath,
  parseRoute,
  planPath,
  planTopicPath,
  safeNext,
  topicIdOfHash,
} from './routes';

describe('routes', () => {
  it('parses the pages of the app', () => {
    expect(parseRoute('/')).toEqual({ page: 'home', planId: null });
    expect(parseRoute(planPath('county-1-2021'))).toEqual({ page: 'plan', planId: 'county-1-2021' });
    expect(parseRoute('/admin')).toEqual({ page: 'admin', planId: null, tab: 'orgs', orgId: null });
    expect(parseRoute(adminPath('members', 'county-1'))).toEqual({
      page: 'admin',
      planId: null,
      tab: 'members',
      orgId: 'county-1',
    });
    expect(parseRoute('/admin/members?org=bad%20id')).toMatchObject({ tab: 'members', orgId: null });
    expect(parseRoute('/admin/nothing')).toEqual({ page: 'home', planId: null });
    expect(parseRoute('/plans/bad id')).toEqual({ page: 'home', planId: null });
    expect(parseRoute(followUpPath('county-1'))).toEqual({
      page: 'followUp',
      planId: null,
      orgId: 'county-1',
    });
    expect(parseRoute('/orgs/bad id/follow-up')).toEqual({ page: 'home', planId: null });
    expect(parseRoute(alignmentPath('city-2021'))).toEqual({ page: 'alignment', planId: 'city-2021' });
    expect(parseRoute(dashboardPath('city', 2021))).toEqual({
      page: 'dashboard',
      planId: null,
      orgId: 'city',
      year: 2021,
    });
    expect(parseRoute('/orgs/city/dashboard?year=20x1')).toMatchObject({ page: 'dashboard', year: null });
  });

  it('parses the meeting pages', () => {
    expect(parseRoute(meetingsPath())).toEqual({ page: 'meetings', planId: null });
    expect(parseRoute(meetingPath('m1'))).toEqual({
      page: 'meeting',
      planId: null,
      meetingId: 'm1',
      view: 'room',
    });
    expect(parseRoute(meetingPath('m1', 'projector'))).toMatchObject({ meetingId: 'm1', view: 'projector' });
    expect(parseRoute(meetingPath('m1', 'minutes'))).toMatchObject({ meetingId: 'm1', view: 'minutes' });
    expect(parseRoute('/meetings/m1/other')).toEqual({ page: 'home', planId: null });
    expect(parseRoute('/meetings/bad id')).toEqual({ page: 'home', planId: null });
  });

  it('links to a plan with a topic’s drawer open', () => {
    const path = planTopicPath('city-2021', 'abc123');
    expect(parseRoute(path)).toEqual({ page: 'plan', planId: 'city-2021' });
    expect(topicIdOfHash(new URL(path, 'http://x').hash)).toBe('abc123');
    expect(topicIdOfHash('#topic=bad id')).toBeNull();
    expect(topicIdOfHash('')).toBeNull();
  });

  it('remembers where a signed-out visitor wanted to go', () => {
    const path = loginPath('/plans/city-2021');
    expect(path).toBe('/login?next=%2Fplans%2Fcity-2021');
    expect(parseRoute(path)).toEqual({ page: 'login', planId: null, next: '/plans/city-2021' });
    expect(loginPath('/')).toBe('/login');
    expect(loginPath(null)).toBe('/login');
    expect(parseRoute('/login')).toEqual({ page: 'login', planId: null, next: null });
  });

  it('never sends anyone to another site after signing in', () => {
    expect(safeNext('/admin/members?x=1')).toBe('/admin/members?x=1');
    for (const next of [
      'https://evil.example/',
      '//evil.example/plans',
      '/\\evil.example',
      'javascript:alert(1)',
      'plans/x',
      '/login?next=/x',
      '',
      null,
    ])
      expect(safeNext(next), String(next)).toBeNull();
  });
});
