/** The tabs of the administration page, each with its own URL. */
export const ADMIN_TABS = ['orgs', 'members', 'sessions', 'security', 'templates', 'disclosure'] as const;
export type AdminTab = (typeof ADMIN_TABS)[number];

/** The pages of the app, each linkable and reload-safe. */
export type Route =
  | { page: 'home'; planId: null }
  | { page: 'plan'; planId: string }
  | { page: 'login'; planId: null; next: string | null }
  | { page: 'admin'; planId: null; tab: AdminTab; orgId: string | null }
  | { page: 'followUp'; planId: null; orgId: string }
  /** A plan's alignment matrix (全市一盘棋): its topics × its organisation's children. */
  | { page: 'alignment'; planId: string }
  /** An organisation's dashboard of a year (its own plan and its children's). */
  | { page: 'dashboard'; planId: null; orgId: string; year: number | null }
  /** The public proposal form of a plan's call (征集): shown signed out, outside the app shell. */
  | { page: 'propose'; planId: string }
  /** The caller's meetings (会议), and the form to schedule one. */
  | { page: 'meetings'; planId: null }
  /** One meeting: its room, its projector view (大屏) or its minutes (纪要). */
  | { page: 'meeting'; planId: null; meetingId: string; view: MeetingView };

/** The views of one meeting, each with its own URL. */
export const MEETING_VIEWS = ['room', 'projector', 'minutes'] as const;
export type MeetingView = (typeof MEETING_VIEWS)[number];

const PLAN_PATH = /^\/plans\/([A-Za-z0-9_-]{1,64})\/?$/;
const PROPOSE_PATH = /^\/public\/plans\/([A-Za-z0-9_-]{1,64})\/propose\/?$/;
/** An id as the server accepts it in paths (IdParam). */
const ID = /^[A-Za-z0-9_-]{1,64}$/;
const ADMIN_PATH = /^\/admin(?:\/([a-z]+))?\/?$/;
const FOLLOW_UP_PATH = /^\/orgs\/([A-Za-z0-9_-]{1,64})\/follow-up\/?$/;
const ALIGNMENT_PATH = /^\/plans\/([A-Za-z0-9_-]{1,64})\/alignment\/?$/;
const DASHBOARD_PATH = /^\/orgs\/([A-Za-z0-9_-]{1,64})\/dashboard\/?$/;
const MEETINGS_PATH = /^\/meetings\/?$/;
const MEETING_PATH = /^\/meetings\/([A-Za-z0-9_-]{1,64})(?:\/(projector|minutes))?\/?$/;
const YEAR = /^\d{4}$/;
/** The origin `next=` is resolved against: only its path, query and hash are ever used. */
const PLACEHOLDER_ORIGIN = 'http://yipan.invalid';

/** The URL of a plan's board. */
export function planPath(planId: string): string {
  return `/plans/${encodeURIComponent(planId)}`;
}

/** Hash key naming the topic whose drawer opens with the plan; a hash, because the query holds the board view. */
const TOPIC_HASH = /^#topic=([A-Za-z0-9_-]{1,64})$/;

/** The URL of a plan's board with a topic's drawer open. */
export function planTopicPath(planId: string, topicId: string): string {
  return `${planPath(planId)}#topic=${encodeURIComponent(topicId)}`;
}

/** The topic a location's hash asks to open (`#topic=<id>`), or null. */
export function topicIdOfHash(hash: string): string | null {
  return TOPIC_HASH.exec(hash)?.[1] ?? null;
}

/** The URL of an organisation's follow-up board (整改跟踪). */
export function followUpPath(orgId: string): string {
  return `/orgs/${encodeURIComponent(orgId)}/follow-up`;
}

/** The URL of a plan's alignment matrix. */
export function alignmentPath(planId: string): string {
  return `${planPath(planId)}/alignment`;
}

/** The URL of an organisation's dashboard, optionally of one year. */
export function dashboardPath(orgId: string, year?: number | null): string {
  const path = `/orgs/${encodeURIComponent(orgId)}/dashboard`;
  return year ? `${path}?year=${year}` : path;
}

/** The URL of the meetings list. */
export function meetingsPath(): string {
  return '/meetings';
}

/** The URL of a meeting's room, projector view or minutes. */
export function meetingPath(meetingId: string, view: MeetingView = 'room'): string {
  const path = `/meetings/${encodeURIComponent(meetingId)}`;
  return view === 'room' ? path : `${path}/${view}`;
}

/** The URL of a tab of the administration page, optionally about one organisation (`?org=`). */
export function adminPath(tab: AdminTab = 'orgs', orgId?: string | null): string {
  const path = tab === 'orgs' ? '/admin' : `/admin/${tab}`;
  return orgId ? `${path}?org=${encodeURIComponent(orgId)}` : path;
}

/**
 * Where to go after signing in: a path of this app, never another site (`//evil.example`,
 * `https://…`, `/\evil`) and never the sign-in page itself. Null when `next` is unusable.
 */
export function safeNext(next: string | null | undefined): string | null {
  if (!next || !next.startsWith('/') || next.startsWith('//') || next.includes('\\')) return null;
  let url: URL;
  try {
    url = new URL(next, PLACEHOLDER_ORIGIN);
  } catch {
    return null;
  }
  if (url.origin !== PLACEHOLDER_ORIGIN || url.pathname === '/login') return null;
  return `${url.pathname}${url.search}${url.hash}`;
}

/** The sign-in page, remembering where to come back to (the start page is not worth remembering). */
export function loginPath(next?: string | null): string {
  const target = safeNext(next);
  return target && target !== '/' ? `/login?next=${encodeURIComponent(target)}` : '/login';
}

/** Parses `pathname?search` into a route; unknown paths show the start page. */
export function parseRoute(location: string): Route {
  const url = new URL(location, PLACEHOLDER_ORIGIN);
  const path = url.pathname;
  if (path === '/login' || path === '/login/')
    return { page: 'login', planId: null, next: safeNext(url.searchParams.get('next')) };
  const plan = PLAN_PATH.exec(path);
  if (plan?.[1]) return { page: 'plan', planId: plan[1] };
  const propose = PROPOSE_PATH.exec(path);
  if (propose?.[1]) return { page: 'propose', planId: propose[1] };
  const alignment = ALIGNMENT_PATH.exec(path);
  if (alignment?.[1]) return { page: 'alignment', planId: alignment[1] };
  const dashboard = DASHBOARD_PATH.exec(path);
  if (dashboard?.[1]) {
    const year = url.searchParams.get('year');
    return {
      page: 'dashboard',
      planId: null,
      orgId: dashboard[1],
      year: year && YEAR.test(year) ? Number(year) : null,
    };
  }
  if (MEETINGS_PATH.test(path)) return { page: 'meetings', planId: null };
  const meeting = MEETING_PATH.exec(path);
  if (meeting?.[1]) {
    const view = MEETING_VIEWS.find((candidate) => candidate === (meeting[2] ?? 'room')) ?? 'room';
    return { page: 'meeting', planId: null, meetingId: meeting[1], view };
  }
  const followUp = FOLLOW_UP_PATH.exec(path);
  if (followUp?.[1]) return { page: 'followUp', planId: null, orgId: followUp[1] };
  const admin = ADMIN_PATH.exec(path);
  if (admin) {
    const tab = ADMIN_TABS.find((candidate) => candidate === (admin[1] ?? 'orgs'));
    const orgId = url.searchParams.get('org');
    if (tab) return { page: 'admin', planId: null, tab, orgId: orgId && ID.test(orgId) ? orgId : null };
  }
  return { page: 'home', planId: null };
}
