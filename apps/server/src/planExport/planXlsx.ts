import { PLAN_TABLE_COLUMNS, planTableRow, type PlanTableColumn, type Topic } from '@yipan/domain';
import { addTableSheet, newWorkbook, xlsxBuffer } from './tableSheet';

/** Column widths in characters: the title and key content wide, numbers and names narrow. */
const WIDTHS: Record<PlanTableColumn, number> = {
  serial: 6,
  title: 40,
  keyContent: 36,
  method: 18,
  schedule: 14,
  sessionDate: 12,
  supervisedBody: 12,
  leadCommittee: 12,
  assistCommittees: 12,
  reportingUnit: 18,
  leaderInCharge: 10,
  participants: 12,
  sources: 18,
};

/** The sheet's name, as offices name the tab. */
const SHEET_NAME = '监督工作计划';

/**
 * The plan as the table offices keep (监督工作计划表): the title, then PLAN_TABLE_COLUMNS' headers in order and one
 * row per non-archived topic in board order with `planTableRow`'s cells: the contract the import reads back.
 */
export function planXlsx(title: string, topics: readonly Topic[]): Promise<Buffer> {
  const workbook = newWorkbook();
  const rows = topics
    .filter((topic) => !topic.archived)
    .map((topic, index) => {
      const cells = planTableRow(topic, index + 1);
      return PLAN_TABLE_COLUMNS.map((column) => cells[column.key]);
    });
  addTableSheet(workbook, {
    name: SHEET_NAME,
    title,
    columns: PLAN_TABLE_COLUMNS.map((column) => ({ header: column.header, width: WIDTHS[column.key] })),
    rows,
  });
  return xlsxBuffer(workbook);
}
