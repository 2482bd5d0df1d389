import type { TopicChange } from '@yipan/protocol';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';
import { fieldValueText, type Words } from '../topic/fieldText';

/** How each field a history entry may name is called in a sentence. */
const FIELD_LABELS: Record<string, MessageKey> = {
  title: 'field.title',
  method: 'field.method',
  addonMethods: 'field.addonMethods',
  supervisedBody: 'field.supervisedBody',
  reportingUnit: 'history.field.reportingUnit',
  leadCommittee: 'field.leadCommittee',
  assistCommittees: 'field.assistCommittees',
  leaderInCharge: 'field.leaderInCharge',
  month: 'field.month',
  session: 'field.session',
  sessionDate: 'field.sessionDate',
  sources: 'field.sources',
  notes: 'field.notes',
};

/** The longest text value quoted in a sentence; longer ones are cut with an ellipsis. */
const VALUE_MAX = 60;

function shorten(text: string): string {
  return text.length > VALUE_MAX ? `${text.slice(0, VALUE_MAX)}…` : text;
}

/** One value of a field in a sentence: the shared wording, "未排期" for no month, long texts cut. */
function valueText(field: string, value: unknown, words: Words): string {
  if (Array.isArray(value))
    return value.map((item) => valueText(field, item, words)).join(words.t('list.separator'));
  if (field === 'month' && value === null) return words.t('board.unscheduled');
  return shorten(fieldValueText(field, value, words));
}

/** Whether a new value leaves the field empty ("未排期" is a month in its own right, not an empty one). */
function isCleared(field: string, value: unknown): boolean {
  if (field === 'month') return false;
  return (
    value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)
  );
}

/**
 * One change as a sentence, e.g. "王敏 将「执行难」的监督方式改为 专题询问": created, archived and
 * restored topics, renames, notes edits (without the text), cleared fields and changed values; steps,
 * opinions, items and lifecycle events as the server worded them ("王敏：「执行难」的步骤「…」改为已完成").
 */
export function describeChange(change: TopicChange, author: string, words: Words): string {
  const { t } = words;
  const title = shorten(change.title);
  switch (change.kind) {
    case 'created':
      return t('history.created', { author, title });
    case 'archived':
      return t('history.archived', { author, title });
    case 'restored':
      return t('history.restored', { author, title });
    case 'step':
    case 'opinion':
    case 'item':
    case 'plan':
      // The server words these changes itself, in both languages (workChanges, transitionDetail in @yipan/domain).
      return change.detail
        ? t('history.detail', { author, detail: words.label(change.detail) })
        : t('history.unknown', { author });
    case 'field':
      break;
  }
  const field = change.field ?? '';
  if (field === 'title' && typeof change.from === 'string' && typeof change.to === 'string')
    return t('history.renamed', { author, from: shorten(change.from), to: shorten(change.to) });
  const fieldLabel = FIELD_LABELS[field] ? t(FIELD_LABELS[field]) : field;
  if (field === 'notes') return t('history.notesChanged', { author, title, field: fieldLabel });
  if (isCleared(field, change.to)) return t('history.cleared', { author, title, field: fieldLabel });
  return t('history.changed', {
    author,
    title,
    field: fieldLabel,
    value: valueText(field, change.to, words),
  });
}

/** Log authors that are not accounts, named in the interface language (the server names them bilingually). */
const NON_ACCOUNT_AUTHORS: Record<string, MessageKey> = {
  system: 'history.author.system',
  anonymous: 'history.author.anonymous',
};

/** How an entry's author is named: their display name, or "系统" for demo seeding and imports. */
export function authorName(author: { id: string; displayName: string }, t: Translate): string {
  const key = NON_ACCOUNT_AUTHORS[author.id];
  return key ? t(key) : author.displayName;
}
