import { ROLE_LABELS, type Label } from '@yipan/domain';
import type { Translate } from '../i18n/I18nProvider';
import type { ReadOnlyReason } from './readOnlyReason';

/** The sentence of a read-only reason, e.g. "这是上级（示范市）的计划。". */
export function reasonText(reason: ReadOnlyReason, t: Translate, label: (label: Label) => string): string {
  switch (reason.kind) {
    case 'parent':
      return t('readOnly.parent', { org: reason.orgName });
    case 'child':
      return t('readOnly.child', { org: reason.orgName });
    case 'peer':
      return t('readOnly.peer', { org: reason.orgName });
    case 'ownRole':
      return reason.role === 'deputy'
        ? t('readOnly.deputy')
        : t('readOnly.ownRole', { org: reason.orgName, role: label(ROLE_LABELS[reason.role]) });
    case 'other':
      return t('readOnly.other');
  }
}
