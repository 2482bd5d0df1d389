import { CELL_STATE_LABELS, type AlignmentCell, type AlignmentMatrix, type Coverage } from '@yipan/domain';
import { addTableSheet, newWorkbook, xlsxBuffer } from './tableSheet';

/** Widths in characters: the serial, the parent topic, each child organisation, the coverage. */
const SERIAL_WIDTH = 6;
const TOPIC_WIDTH = 40;
const CHILD_WIDTH = 24;
const COVERAGE_WIDTH = 12;
/** The sheet's name. */
const SHEET_NAME = '联动矩阵';

/** "x/y": expected cells the children have in their plans, of all expected cells (as the matrix page says it). */
export function coverageCell(coverage: Coverage): string {
  return `${coverage.linkedExpected}/${coverage.expected}`;
}

/** A cell in words: its state, the reason of a decline, then each linked child topic on its own line. */
export function alignmentCellText(cell: AlignmentCell): string {
  const state = CELL_STATE_LABELS[cell.state].zh;
  const head = cell.declineReason ? `${state}：${cell.declineReason}` : state;
  return [head, ...cell.topics.map((topic) => topic.title)].join('\n');
}

/** The line under the table when children were left out, as the matrix page says it. */
export function hiddenChildrenNote(count: number): string {
  return `另有 ${count} 个下级的计划您无权查看，未列出。`;
}

/**
 * The alignment matrix (全市一盘棋) as a sheet: a row per parent topic, a column per child organisation the
 * caller may read, each cell its state and linked topics, the row's coverage at the end, a last row with each
 * column's coverage and the whole matrix's, and below the table a line saying how many children were left out.
 */
export function alignmentXlsx(
  title: string,
  matrix: AlignmentMatrix & { hiddenChildren: number },
): Promise<Buffer> {
  const workbook = newWorkbook();
  const rows = matrix.rows.map((row, index) => [
    index + 1,
    row.title,
    ...matrix.columns.map((column) => {
      const cell = row.cells.find((candidate) => candidate.orgId === column.orgId);
      return cell ? alignmentCellText(cell) : '';
    }),
    coverageCell(row.coverage),
  ]);
  rows.push([
    '',
    '覆盖',
    ...matrix.columns.map((column) => coverageCell(column.coverage)),
    coverageCell(matrix.coverage),
  ]);
  const sheet = addTableSheet(workbook, {
    name: SHEET_NAME,
    title: `${title}联动矩阵`,
    columns: [
      { header: '序号', width: SERIAL_WIDTH },
      { header: '议题', width: TOPIC_WIDTH },
      ...matrix.columns.map((column) => ({ header: column.name, width: CHILD_WIDTH })),
      { header: '覆盖', width: COVERAGE_WIDTH },
    ],
    rows,
  });
  // Outside the table (no border), so that the table itself stays the matrix the page shows.
  if (matrix.hiddenChildren > 0) sheet.addRow([hiddenChildrenNote(matrix.hiddenChildren)]);
  return xlsxBuffer(workbook);
}
