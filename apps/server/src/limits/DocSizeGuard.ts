import * as Y from 'yjs';

/**
 * Keeps a document under its size limit without encoding it on every update: it keeps an estimate that
 * only grows (the stored rows at load, plus every update applied since, an overestimate since merged
 * state is smaller than its history) and measures the real state only when the estimate says the limit
 * is near.
 */
export class DocSizeGuard {
  private estimate: number;

  constructor(
    private readonly doc: Y.Doc,
    private readonly maxBytes: number,
    /** Bytes of the rows the document was loaded from. */
    loadedBytes: number,
  ) {
    this.estimate = loadedBytes;
  }

  /** Whether an update of `bytes` may be applied without taking the document past its limit. */
  admits(bytes: number): boolean {
    if (this.estimate + bytes <= this.maxBytes) return true;
    this.estimate = Y.encodeStateAsUpdate(this.doc).byteLength;
    return this.estimate + bytes <= this.maxBytes;
  }

  /** Records updates applied to the document (from connections or the server). */
  grew(bytes: number): void {
    this.estimate += bytes;
  }
}
