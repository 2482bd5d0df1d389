import type { DocStore } from '@yipan/db';
import { CloseCode } from '@yipan/protocol';
import { errorFields, type Logger } from '../createLogger';
import { DocRoom, type DocRoomContext, type EditPolicy } from './DocRoom';
import type { SyncStats } from './SyncStats';
import type { DocRelay } from './DocRelay';

type Entry = {
  name: string;
  room: Promise<DocRoom>;
  loaded: DocRoom | null;
  /** Connections holding the room (including ones waiting for it to load). */
  refs: number;
  idleTimer: NodeJS.Timeout | null;
};

/** Options of the room registry. */
export type DocRoomsOptions = {
  store: DocStore;
  logger: Logger;
  stats: SyncStats;
  /** How long an unused document stays in memory, so a quick reconnect does not reload it. */
  idleGraceMs: number;
  /** Called after a room applied updates (see DocRoomContext.onChange). */
  onChange?: (room: DocRoom) => void;
  /** Called when a room dropped a connection's edit (see DocRoomContext.onRefused). */
  onRefused?: DocRoomContext['onRefused'];
  /** Largest state a document may grow to (see DocRoomContext.maxDocBytes). */
  maxDocBytes?: number;
  /** Called once an applied update is committed (see DocRoomContext.onPersisted). */
  onPersisted?: (delayMs: number) => void;
  /** Relays rooms' updates to other server processes: a room joins once loaded and leaves when freed. */
  relay?: DocRelay;
  /** Reads a document's edit policy (frozen, who adjusts); rooms load it with the document. */
  loadPolicy?: (name: string) => Promise<EditPolicy>;
};

/**
 * The documents in memory, one room per name. A room is loaded once however many connections ask
 * at the same time, and freed (flushed, destroyed, forgotten) when its last connection has left.
 */
export class DocRooms {
  private readonly entries = new Map<string, Entry>();
  /** Rooms being flushed on their way out; a new load of the same name waits for them. */
  private readonly freeing = new Map<string, Promise<void>>();

  constructor(private readonly options: DocRoomsOptions) {}

  /** Names of the documents in memory. */
  names(): string[] {
    return [...this.entries.keys()];
  }

  /**
   * Brings every room in memory up to what the database holds. After a Redis outage the other processes'
   * edits of that time are in the database, but a process that has since unloaded the document cannot
   * answer this one's digest: reading the stored state is the only way to get them.
   */
  async catchUpFromStore(): Promise<void> {
    for (const entry of [...this.entries.values()]) {
      const room = entry.loaded;
      if (!room) continue;
      try {
        const stored = await this.options.store.load(room.name);
        room.applyStored(stored.snapshot ? [stored.snapshot, ...stored.updates] : stored.updates);
      } catch (error) {
        this.options.logger.warn('failed to catch a document up from the database', {
          doc: room.name,
          ...errorFields(error),
        });
      }
    }
  }

  /** Takes a reference on a document's room, loading it first if needed. Pair with `release`. */
  async acquire(name: string): Promise<DocRoom> {
    const entry = this.entries.get(name) ?? this.createEntry(name);
    entry.refs += 1;
    if (entry.idleTimer) {
      clearTimeout(entry.idleTimer);
      entry.idleTimer = null;
    }
    try {
      return await entry.room;
    } catch (error) {
      entry.refs -= 1;
      throw error;
    }
  }

  /** Gives back a reference taken by `acquire`; the last one schedules the room to be freed. */
  release(room: DocRoom): void {
    const entry = this.entries.get(room.name);
    if (!entry || entry.loaded !== room) return;
    entry.refs -= 1;
    if (entry.refs > 0) return;
    entry.idleTimer = setTimeout(() => {
      entry.idleTimer = null;
      if (entry.refs === 0) this.free(entry);
    }, this.options.idleGraceMs);
  }

  /** Drops a room whose document can no longer be trusted: its connections reconnect and reload from the database. */
  discard(room: DocRoom): void {
    const entry = this.entries.get(room.name);
    room.closeConnections(CloseCode.internalError, 'document reloaded');
    if (entry && entry.loaded === room) {
      if (entry.idleTimer) clearTimeout(entry.idleTimer);
      this.free(entry);
    }
  }

  private createEntry(name: string): Entry {
    const entry: Entry = { name, loaded: null, refs: 0, idleTimer: null, room: this.load(name) };
    // Registered before any acquirer awaits the promise, so `loaded` is set by the time they resume.
    entry.room.then(
      (room) => {
        entry.loaded = room;
      },
      (error: unknown) => {
        this.options.logger.error('failed to load a document', { doc: name, ...errorFields(error) });
        if (this.entries.get(name) === entry) this.entries.delete(name);
        this.options.stats.openDocs = this.entries.size;
      },
    );
    this.entries.set(name, entry);
    this.options.stats.openDocs = this.entries.size;
    return entry;
  }

  private async load(name: string): Promise<DocRoom> {
    await this.freeing.get(name);
    const [loaded, policy] = await Promise.allSettled([
      DocRoom.load(name, {
        store: this.options.store,
        logger: this.options.logger,
        stats: this.options.stats,
        onBroken: (broken) => this.discard(broken),
        onChange: this.options.onChange,
        onRefused: this.options.onRefused,
        maxDocBytes: this.options.maxDocBytes,
        onPersisted: this.options.onPersisted,
        relay: this.options.relay,
      }),
      this.options.loadPolicy?.(name),
    ]);
    if (loaded.status === 'rejected') throw loaded.reason;
    // Without its policy a frozen plan would accept any edit: the room is not opened at all.
    if (policy.status === 'rejected') {
      loaded.value.destroy();
      throw policy.reason;
    }
    if (policy.value) loaded.value.setEditPolicy(policy.value);
    this.options.relay?.join(loaded.value);
    return loaded.value;
  }

  /**
   * Changes a document's edit policy if it is in memory (or loading: the change lands once loaded, after
   * the policy read by the load). A document not in memory reads its policy when it next loads.
   */
  setPolicy(name: string, policy: EditPolicy): void {
    const entry = this.entries.get(name);
    if (entry) void entry.room.then((room) => room.setEditPolicy(policy)).catch(() => undefined);
  }

  private free(entry: Entry): void {
    if (this.entries.get(entry.name) !== entry || !entry.loaded) return;
    this.entries.delete(entry.name);
    this.options.stats.openDocs = this.entries.size;
    const room = entry.loaded;
    this.options.relay?.leave(room);
    const done = room
      .flush()
      .then(() => room.destroy())
      .finally(() => {
        if (this.freeing.get(entry.name) === done) this.freeing.delete(entry.name);
      });
    this.freeing.set(entry.name, done);
  }

  /** Resolves once every update applied so far, in every room, is committed to the database. */
  async flushAll(): Promise<void> {
    const rooms = await Promise.all([...this.entries.values()].map((entry) => entry.room.catch(() => null)));
    await Promise.all([...rooms.map((room) => room?.flush()), ...this.freeing.values()]);
  }

  /** Shutdown: closes every connection with `code`, flushes and frees every room. */
  async closeAll(code: number, reason: string): Promise<void> {
    const entries = [...this.entries.values()];
    for (const entry of entries) if (entry.idleTimer) clearTimeout(entry.idleTimer);
    await Promise.all(
      entries.map(async (entry) => {
        const room = await entry.room.catch(() => null);
        if (!room) return;
        room.closeConnections(code, reason);
        this.free(entry);
      }),
    );
    await Promise.all([...this.freeing.values()]);
  }
}
