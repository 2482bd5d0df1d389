/**
 * y-leveldb ships types, but its package.json `exports` hides them from TypeScript's resolution;
 * this declares the part the benchmark seeds the reference server's storage with.
 */
declare module 'y-leveldb' {
  /** LevelDB persistence of Yjs documents: one entry per stored update. */
  export class LeveldbPersistence {
    constructor(location: string);
    /** Appends an update to a document's log; resolves with its clock. */
    storeUpdate(docName: string, update: Uint8Array): Promise<number>;
    /** Closes the database. */
    destroy(): Promise<void>;
  }
}
