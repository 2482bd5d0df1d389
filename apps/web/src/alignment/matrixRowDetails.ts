import { AlignmentRowResponse } from '@yipan/protocol';
import type { AlignmentCell } from '@yipan/domain';
import { fetchJson } from '../api/fetchJson';
import { alignmentPaths } from './alignmentApi';

/** The cells of one row in full (expectation, decline reason, every linked topic), in the columns' order. */
export type RowCells = readonly AlignmentCell[];

/**
 * The rows' details behind one matrix answer, read when a cell of the row is first hovered or focused:
 * the matrix itself carries only what the grid draws. Each row is read once (a failed read is forgotten,
 * so the next hover tries again); a new answer of the matrix gets a new cache, so details never predate
 * the cells they describe.
 */
export class RowDetails {
  private readonly reads = new Map<string, Promise<RowCells>>();
  private readonly loaded = new Map<string, RowCells>();

  constructor(private readonly planId: string) {}

  /** The row's cells if they have been read already (no flash of "loading" on a row seen before). */
  peek(topicId: string): RowCells | undefined {
    return this.loaded.get(topicId);
  }

  /** Reads the row's cells, or joins the read under way. */
  read(topicId: string): Promise<RowCells> {
    const known = this.reads.get(topicId);
    if (known) return known;
    const path = `${alignmentPaths.alignment(this.planId)}/rows/${encodeURIComponent(topicId)}`;
    const reading = fetchJson(path, AlignmentRowResponse).then(
      ({ cells }) => {
        this.loaded.set(topicId, cells);
        return cells;
      },
      (error: unknown) => {
        this.reads.delete(topicId);
        throw error;
      },
    );
    this.reads.set(topicId, reading);
    return reading;
  }
}
