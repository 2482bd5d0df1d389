import type * as Y from 'yjs';
import * as decoding from 'lib0/decoding';
import * as encoding from 'lib0/encoding';
import { CloseCode } from '@yipan/protocol';
import { MalformedFrameError } from './MalformedFrameError';
import type { AwarenessEntry } from './validateAwarenessUpdate';

/** Close reason of an update or presence state written under someone else's Yjs client id. */
export const CLIENT_ID_TAKEN = 'client_id_taken';

/** A Yjs client id and the user who holds it in one document. */
export type ClientIdClaim = { clientId: number; author: string };

function taken(clientId: number): MalformedFrameError {
  return new MalformedFrameError(
    `Yjs client id ${clientId} belongs to another user in this document`,
    CloseCode.clientIdTaken,
    CLIENT_ID_TAKEN,
  );
}

/**
 * Which user each Yjs client id of one document belongs to, so that nobody writes as someone else's
 * replica. Yjs trusts client ids: a change under another client's id at that client's next clock makes
 * the server (and everyone after it) skip the real owner's change with that clock, so an honest edit
 * would be lost and the owner's replica would never agree again. An id belongs to the user whose
 * connection announced it in presence (y-websocket's awareness uses the document's client id, and the
 * provider announces it as it connects) or started it with a live edit in this room; the server's own
 * id belongs to nobody else.
 *
 * Kept per room, and told to the other server processes holding the document (`onClaim`, `adopt`), so a
 * client on one process cannot write as a replica connected to another. An id first seen in the stored
 * state goes to the first user who writes or announces it (docs/security.md says so).
 */
export class ClientIdOwners {
  private readonly owners = new Map<number, string>();

  constructor(
    private readonly doc: Y.Doc,
    /** Hears every id taken here, to relay it to the other processes. */
    private readonly onClaim?: (claim: ClientIdClaim) => void,
  ) {}

  /**
   * Checks that `author` may write under each of an update's client ids; throws (closing the connection,
   * applying nothing) when one belongs to another user or to the server. A live edit (a sync update)
   * also takes the ids it starts (not yet in the document) for its author. A sync step 2 does not: a
   * client reconnecting after a crash sends back whatever it holds and the server lacks, which may be
   * other people's last changes.
   */
  admitUpdate(author: string, writers: ReadonlySet<number>, live: boolean): void {
    for (const clientId of writers) if (!this.mayUse(author, clientId)) throw taken(clientId);
    if (!live) return;
    for (const clientId of writers)
      if (!this.owners.has(clientId) && !this.doc.store.clients.has(clientId)) this.claim(clientId, author);
  }

  /**
   * Of the presence entries that would change the room's awareness, the ones `author` may apply: their
   * own states, under ids they hold or take now. Throws when a state is announced under another user's
   * id. A removal of someone else's state is left out, not refused: the y-websocket provider sends one
   * for every peer it has not heard from for 30 s, and the server removes a state itself when its
   * connection ends.
   */
  admitAwareness(author: string, entries: readonly AwarenessEntry[]): AwarenessEntry[] {
    const admitted: AwarenessEntry[] = [];
    for (const entry of entries) {
      if (entry.state === null) {
        if (this.owners.get(entry.clientId) === author) admitted.push(entry);
        continue;
      }
      if (!this.mayUse(author, entry.clientId)) throw taken(entry.clientId);
      if (!this.owners.has(entry.clientId)) this.claim(entry.clientId, author);
      admitted.push(entry);
    }
    return admitted;
  }

  /** Takes what another server process told: an id already held here keeps its owner. */
  adopt(claims: readonly ClientIdClaim[]): void {
    for (const { clientId, author } of claims)
      if (!this.owners.has(clientId)) this.owners.set(clientId, author);
  }

  /** Every id held here, for a process that just loaded the document. */
  all(): ClientIdClaim[] {
    return [...this.owners].map(([clientId, author]) => ({ clientId, author }));
  }

  private claim(clientId: number, author: string): void {
    this.owners.set(clientId, author);
    this.onClaim?.({ clientId, author });
  }

  private mayUse(author: string, clientId: number): boolean {
    if (clientId === this.doc.clientID) return false;
    const owner = this.owners.get(clientId);
    return owner === undefined || owner === author;
  }
}

/** Encodes claims for the relay between server processes. */
export function encodeClaims(claims: readonly ClientIdClaim[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, claims.length);
  for (const { clientId, author } of claims) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarString(encoder, author);
  }
  return encoding.toUint8Array(encoder);
}

/** Decodes what encodeClaims wrote (throws on anything else). */
export function decodeClaims(bytes: Uint8Array): ClientIdClaim[] {
  const decoder = decoding.createDecoder(bytes);
  const claims: ClientIdClaim[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--)
    claims.push({ clientId: decoding.readVarUint(decoder), author: decoding.readVarString(decoder) });
  return claims;
}
