/**
 * Who may call each HTTP route and each socket.io event, written out by hand from DESIGN.md's access rules.
 * `tests/integration/accessCoverage.test.ts` fails when the server registers a route or an event that is not
 * listed here (or the table lists one that no longer exists), and probes every entry: signed out, and as the
 * administrator of an unrelated city. `tests/integration/accessTable.test.ts` checks the roles × relations
 * matrix in depth on the main channels.
 */

/**
 * Who may call:
 * - `anyone`: no session (the public site, the solicitation form, health, signing in and out);
 * - `metrics`: a bearer token, or the machine itself when none is configured;
 * - `session`: any signed-in user, answered about themselves only (their sessions, notifications,
 *   meetings, the organisations they may see);
 * - `manager`: administrators of some organisation, answered about what they manage;
 * - `plan:<action>`: the caller's right on the plan in the path (`can()` of the domain);
 * - `org:<action>`: the caller's right on the organisation in the path (or, for creations, in the body);
 * - `meeting:<role>`: membership of the meeting in the path (or organising it).
 */
export type AccessRule =
  | 'anyone'
  | 'metrics'
  | 'session'
  | 'manager'
  | 'plan:read'
  | 'plan:write'
  | 'plan:workflow'
  | 'plan:propose'
  | 'org:read'
  | 'org:organise_meetings'
  | 'org:create_plans'
  | 'org:manage_members'
  | 'org:manage_templates'
  | 'org:manage_disclosure'
  | 'meeting:member'
  | 'meeting:organiser'
  | 'meeting:facilitator'
  | 'meeting:secretary';

/** One route or event: its rule, and a body the probes send (valid, so a refusal is about access, not shape). */
export type AccessEntry = { rule: AccessRule; body?: unknown };

/** Values for the path parameters of the probes: real demo ids, so an outsider's refusal is about access. */
export type ProbeIds = {
  planId: string;
  orgId: string;
  topicId: string;
  meetingId: string;
  agendaItemId: string;
  userId: string;
  sessionId: string;
};

const meetingBody = (ids: ProbeIds) => ({
  orgId: ids.orgId,
  kind: 'symposium',
  title: '访问探针',
  startsAt: '2021-09-01T09:00:00+08:00',
  members: [{ userId: ids.userId, role: 'facilitator' }],
});

/** Every HTTP route, `METHOD /path` as Express registers it. */
export function routeAccess(ids: ProbeIds): Record<string, AccessEntry> {
  return {
    'GET /metrics': { rule: 'metrics' },
    'GET /api/health': { rule: 'anyone' },
    'GET /api/ready': { rule: 'anyone' },
    'GET /api/public/plans/:planId/solicitation': { rule: 'anyone' },
    'POST /api/public/plans/:planId/proposals': { rule: 'anyone' },
    'GET /api/public/plans': { rule: 'anyone' },
    'GET /api/public/plans/:planId': { rule: 'anyone' },
    'POST /api/auth/login': { rule: 'anyone' },
    'POST /api/auth/logout': { rule: 'anyone' },
    'GET /api/me': { rule: 'session' },
    'POST /api/sync-token': { rule: 'session' },
    'GET /api/me/sessions': { rule: 'session' },
    // Only the caller's own sessions: another user's session id is not found.
    'DELETE /api/me/sessions/:sessionId': { rule: 'session' },
    'GET /api/orgs': { rule: 'session' },
    'GET /api/orgs/:orgId': { rule: 'org:read' },
    'GET /api/orgs/:orgId/plans': { rule: 'org:read' },
    'POST /api/orgs/:orgId/plans': { rule: 'org:create_plans', body: { year: 2030 } },
    'GET /api/plans/:planId': { rule: 'plan:read' },
    'GET /api/plans/:planId/history': { rule: 'plan:read' },
    'GET /api/plans/:planId/lifecycle': { rule: 'plan:read' },
    'POST /api/plans/:planId/transitions': { rule: 'plan:workflow', body: { to: 'archived', note: '探针' } },
    'GET /api/plans/:planId/versions': { rule: 'plan:read' },
    'POST /api/plans/:planId/versions': { rule: 'plan:write', body: { name: '探针' } },
    'GET /api/plans/:planId/versions/:versionId': { rule: 'plan:read' },
    'GET /api/plans/:planId/diff': { rule: 'plan:read' },
    'POST /api/plans/:planId/versions/:versionId/restore': { rule: 'plan:write' },
    'GET /api/plans/:planId/adjustments': { rule: 'plan:read' },
    'POST /api/plans/:planId/adjustments': { rule: 'plan:write' },
    'POST /api/plans/:planId/adjustments/:adjustmentId/close': { rule: 'plan:write' },
    'POST /api/plans/:planId/proposals': { rule: 'plan:propose' },
    'GET /api/plans/:planId/proposals': { rule: 'plan:write' },
    'POST /api/plans/:planId/proposals/:proposalId/merge': { rule: 'plan:write' },
    'PUT /api/plans/:planId/proposals/:proposalId/rank': { rule: 'plan:write' },
    'POST /api/plans/:planId/proposals/:proposalId/accept': { rule: 'plan:write' },
    'POST /api/plans/:planId/proposals/:proposalId/decline': { rule: 'plan:write' },
    'POST /api/plans/:planId/import': { rule: 'plan:write' },
    'GET /api/orgs/:orgId/step-templates': { rule: 'org:read' },
    'PUT /api/orgs/:orgId/step-templates/:method': { rule: 'org:manage_templates' },
    'DELETE /api/orgs/:orgId/step-templates/:method': { rule: 'org:manage_templates' },
    'GET /api/orgs/:orgId/disclosure': { rule: 'org:read' },
    'PUT /api/orgs/:orgId/disclosure': { rule: 'org:manage_disclosure' },
    'GET /api/orgs/:orgId/follow-up': { rule: 'org:read' },
    'GET /api/plans/:planId/export.docx': { rule: 'plan:read' },
    'GET /api/plans/:planId/export.xlsx': { rule: 'plan:read' },
    'GET /api/plans/:planId/alignment.xlsx': { rule: 'plan:read' },
    'GET /api/orgs/:orgId/follow-up.xlsx': { rule: 'org:read' },
    'GET /api/meetings/:meetingId/minutes.docx': { rule: 'meeting:member' },
    'GET /api/plans/:planId/alignment': { rule: 'plan:read' },
    'GET /api/plans/:planId/alignment/rows/:topicId': { rule: 'plan:read' },
    'PUT /api/plans/:planId/topics/:topicId/joint': { rule: 'plan:write' },
    'PUT /api/plans/:planId/topics/:topicId/links': { rule: 'plan:write' },
    'GET /api/plans/:planId/upstream': { rule: 'plan:read' },
    'POST /api/plans/:planId/upstream': { rule: 'plan:write' },
    'POST /api/plans/:planId/answers': { rule: 'plan:write' },
    'POST /api/plans/:planId/reminders': { rule: 'plan:write' },
    'POST /api/plans/:planId/read': { rule: 'plan:read' },
    'GET /api/meetings': { rule: 'session' },
    'POST /api/meetings': { rule: 'org:organise_meetings', body: meetingBody(ids) },
    'GET /api/meetings/:meetingId': { rule: 'meeting:member' },
    'PATCH /api/meetings/:meetingId': { rule: 'meeting:organiser', body: { title: '访问探针' } },
    'PUT /api/meetings/:meetingId/agenda': { rule: 'meeting:organiser', body: { items: [] } },
    'PUT /api/meetings/:meetingId/members': {
      rule: 'meeting:organiser',
      body: { members: [{ userId: ids.userId, role: 'facilitator' }] },
    },
    'POST /api/meetings/:meetingId/transitions': { rule: 'meeting:facilitator', body: { to: 'ended' } },
    'POST /api/meetings/:meetingId/decisions': {
      rule: 'meeting:secretary',
      body: { itemId: ids.agendaItemId, kind: 'noted' },
    },
    'DELETE /api/meetings/:meetingId/decisions/:decisionId': { rule: 'meeting:secretary' },
    'GET /api/orgs/:orgId/meeting-invitees': { rule: 'org:organise_meetings' },
    'GET /api/plans/:planId/meeting-records': { rule: 'plan:read' },
    'POST /api/meetings/:meetingId/minutes/draft': { rule: 'meeting:secretary' },
    'GET /api/meetings/:meetingId/minutes.txt': { rule: 'meeting:member' },
    'GET /api/orgs/:orgId/dashboard': { rule: 'org:read' },
    'GET /api/notifications': { rule: 'session' },
    'POST /api/notifications/read': { rule: 'session' },
    'GET /api/admin/orgs': { rule: 'manager' },
    'POST /api/admin/orgs': {
      rule: 'org:manage_members',
      body: { name: '访问探针', level: 'county', parentId: ids.orgId },
    },
    'PATCH /api/admin/orgs/:orgId': { rule: 'org:manage_members', body: { name: '访问探针' } },
    'GET /api/admin/orgs/:orgId/members': { rule: 'org:manage_members' },
    'PUT /api/admin/orgs/:orgId/members/:userId': { rule: 'org:manage_members', body: { role: 'viewer' } },
    'DELETE /api/admin/orgs/:orgId/members/:userId': { rule: 'org:manage_members' },
    'GET /api/admin/users': { rule: 'manager' },
    'POST /api/admin/users': {
      rule: 'org:manage_members',
      body: {
        username: 'access.probe',
        displayName: '访问探针',
        password: 'Probe-password-1',
        membership: { orgId: ids.orgId, role: 'viewer' },
      },
    },
    'GET /api/admin/sessions': { rule: 'manager' },
    // Administrators of the session's user only.
    'DELETE /api/admin/sessions/:sessionId': { rule: 'org:manage_members' },
    'GET /api/admin/security-events': { rule: 'manager' },
    'GET /public': { rule: 'anyone' },
    'GET /public/site.css': { rule: 'anyone' },
    'GET /public/feed.atom': { rule: 'anyone' },
    'GET /public/orgs/:orgId': { rule: 'anyone' },
    'GET /public/plans/:planId': { rule: 'anyone' },
  };
}

/** Every event a `/board` client may send; the handshake already needs a session (signed out: refused). */
export function eventAccess(ids: ProbeIds): Record<string, AccessEntry> {
  const meeting = { meetingId: ids.meetingId };
  return {
    'plan:watch': { rule: 'plan:read', body: { planId: ids.planId } },
    // Leaving a room one is not in does nothing.
    'plan:unwatch': { rule: 'session' },
    'meeting:join': { rule: 'meeting:member', body: meeting },
    'meeting:leave': { rule: 'session' },
    'meeting:follow': { rule: 'meeting:member', body: { ...meeting, following: true } },
    'meeting:focus': { rule: 'meeting:facilitator', body: { ...meeting, itemId: ids.agendaItemId } },
    'meeting:summon': { rule: 'meeting:facilitator', body: meeting },
    'meeting:timer': {
      rule: 'meeting:facilitator',
      body: { ...meeting, itemId: ids.agendaItemId, timer: { action: 'start' } },
    },
    'meeting:hand': { rule: 'meeting:member', body: { ...meeting, raised: true } },
    'meeting:hands:clear': { rule: 'meeting:facilitator', body: meeting },
    'meeting:vote:open': {
      rule: 'meeting:facilitator',
      body: {
        ...meeting,
        spec: { kind: 'approval', title: '访问探针', itemId: ids.agendaItemId, anonymous: false },
      },
    },
    'meeting:vote:close': { rule: 'meeting:facilitator', body: { ...meeting, voteId: 'vote-probe' } },
    'meeting:ballot': {
      rule: 'meeting:member',
      body: { ...meeting, voteId: 'vote-probe', ballot: { kind: 'approval', choice: 'approve' } },
    },
  };
}
