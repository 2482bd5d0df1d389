import type { AlignmentCell } from '@yipan/domain';
import type { MatrixCell, MatrixView } from '@yipan/protocol';
import type { ReadableMatrix } from './AlignmentService';

/**
 * A cell as the grid draws it. Its linked topics all belong to the column's plan (the matrix reads each
 * child's plan of the year), so the lead's topic id is enough to open it.
 */
function toMatrixCell(cell: AlignmentCell): MatrixCell {
  const view: MatrixCell = { state: cell.state };
  const [lead] = cell.topics;
  if (lead)
    view.lead = { topicId: lead.topicId, stepsFinished: lead.stepsFinished, stepsTotal: lead.stepsTotal };
  if (cell.topics.length > 1) view.more = cell.topics.length - 1;
  if (cell.conflict) view.conflict = true;
  return view;
}

/** The matrix as `GET /api/plans/:planId/alignment` sends it: cells without their details (see `MatrixCell`). */
export function toMatrixView(matrix: ReadableMatrix): MatrixView {
  return {
    rows: matrix.rows.map((row) => ({ ...row, cells: row.cells.map(toMatrixCell) })),
    columns: matrix.columns,
    coverage: matrix.coverage,
    hiddenChildren: matrix.hiddenChildren,
  };
}
