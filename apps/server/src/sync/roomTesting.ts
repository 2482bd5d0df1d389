import type { DocStore } from '@yipan/db';
import { createLogger } from '../createLogger';
import type { DocRelay } from './DocRelay';
import { DocRoom } from './DocRoom';
import { createSyncStats } from './SyncStats';

/** Loads a room over `store` as the server does, logging only errors, with a relay if given (DocRoom's unit tests). */
export function loadTestRoom(store: DocStore, name: string, relay?: DocRelay): Promise<DocRoom> {
  return DocRoom.load(name, {
    store,
    logger: createLogger({ level: 'error' }),
    stats: createSyncStats(),
    onBroken: () => undefined,
    relay,
  });
}

/** Resolves after the rooms' per-turn broadcasts have run. */
export const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
