import type { ImportProblem, PlanTableColumn } from '@yipan/domain';
import type { Translate } from '../i18n/I18nProvider';
import type { MessageKey } from '../i18n/zh-CN';

/** How a plan table column is named in the wizard. */
export function columnName(key: PlanTableColumn, t: Translate): string {
  return t(`import.column.${key}` as MessageKey);
}

/** One problem of a row in words: what is wrong or what the import did, with the cell text it is about. */
export function problemText(problem: ImportProblem, t: Translate): string {
  const column = problem.column ? columnName(problem.column, t) : '';
  return t(`import.problem.${problem.code}` as MessageKey, {
    column,
    value: problem.value,
    field: problem.field ?? '',
  });
}
