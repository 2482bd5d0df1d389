import { OrgLevel, ORG_LEVEL_LABELS, Role, ROLE_LABELS, type Label } from '@yipan/domain';
import { ErrorCode, type SecurityEvent } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** What the detail column needs to name things: words, and the names of organisations and users it knows. */
export type EventWords = {
  t: Translate;
  label: (label: Label) => string;
  orgName: (orgId: string) => string | null;
  userName: (userId: string) => string | null;
};

/** Longest detail shown for an event of a kind we do not know. */
const RAW_DETAIL_MAX = 120;

/** Names of the organisation fields an `org_changed` event may list. */
const ORG_FIELD_LABELS: Record<string, MessageKey> = {
  name: 'admin.org.name',
  level: 'admin.org.level',
  parentId: 'admin.org.parent',
  committees: 'admin.org.committees',
  supervisedBodies: 'admin.org.supervisedBodies',
  reportingUnits: 'admin.org.reportingUnits',
  settings: 'admin.org.approvingBody',
};

function text(value: unknown): string | null {
  return typeof value === 'string' && value !== '' ? value : null;
}

function roleText(value: unknown, { label }: EventWords): string | null {
  const role = Role.safeParse(value);
  return role.success ? label(ROLE_LABELS[role.data]) : null;
}

/** The user an event is about: its `userId`, else a `user:<id>` target. */
function subjectOf(event: SecurityEvent, words: EventWords): string | null {
  const id = text(event.detail.userId) ?? (event.target?.startsWith('user:') ? event.target.slice(5) : null);
  return id ? (words.userName(id) ?? id) : null;
}

function membershipDetail(event: SecurityEvent, words: EventWords): string {
  const { t } = words;
  const user = subjectOf(event, words) ?? t('admin.events.someone');
  const change = event.detail.role;
  const from = typeof change === 'object' && change !== null && 'from' in change ? change.from : null;
  const to = typeof change === 'object' && change !== null && 'to' in change ? change.to : null;
  const fromText = roleText(from, words);
  const toText = roleText(to, words);
  if (fromText && toText) return t('admin.events.roleChanged', { user, from: fromText, to: toText });
  if (toText) return t('admin.events.memberAdded', { user, role: toText });
  if (fromText) return t('admin.events.memberRemoved', { user, role: fromText });
  return user;
}

function accessDeniedDetail(event: SecurityEvent, { t }: EventWords): string {
  const reason =
    event.detail.reason === ErrorCode.originMismatch
      ? t('admin.events.deniedOrigin')
      : t('admin.events.deniedForbidden');
  const plan = event.target?.startsWith('doc:plan:') ? event.target.slice('doc:plan:'.length) : null;
  return plan ? t('admin.events.deniedPlan', { reason, plan }) : reason;
}

/**
 * The detail column of a security event in plain words, e.g. "孙丽：编辑 → 查看", "用户名 city.admn",
 * "新建 示范新镇（乡镇）"; events of kinds this page does not know show their raw detail, cut short.
 */
export function describeEvent(event: SecurityEvent, words: EventWords): string {
  const { t, label } = words;
  const { detail } = event;
  switch (event.kind) {
    case 'sign_in_failed': {
      const username = text(detail.username);
      return username ? t('admin.events.username', { username }) : '';
    }
    case 'membership_changed':
      return membershipDetail(event, words);
    case 'user_created': {
      const role = roleText(detail.role, words);
      const username = text(detail.username) ?? '';
      return role ? t('admin.events.userCreated', { username, role }) : username;
    }
    case 'org_created': {
      const level = OrgLevel.safeParse(detail.level);
      const name = text(detail.name) ?? '';
      return level.success
        ? t('admin.events.orgCreated', { name, level: label(ORG_LEVEL_LABELS[level.data]) })
        : name;
    }
    case 'org_changed': {
      const fields = Object.keys(detail).map((field) =>
        ORG_FIELD_LABELS[field] ? t(ORG_FIELD_LABELS[field]) : field,
      );
      const org = event.orgId ? (words.orgName(event.orgId) ?? event.orgId) : '';
      return t('admin.events.orgChanged', { org, fields: fields.join(t('list.separator')) });
    }
    case 'session_revoked': {
      const user = subjectOf(event, words);
      return user ? t('admin.events.sessionOf', { user }) : '';
    }
    case 'access_denied':
      return accessDeniedDetail(event, words);
    case 'sign_in_succeeded':
    case 'sign_out':
      return '';
  }
  const raw = JSON.stringify(detail);
  return raw.length > RAW_DETAIL_MAX ? `${raw.slice(0, RAW_DETAIL_MAX)}…` : raw;
}
