import type { Socket } from 'socket.io';
import { BoardErrorCode } from '@yipan/protocol';
import type { Logger } from '../createLogger';
import type { Limits } from './limits';
import { TokenBucket } from './TokenBucket';

/** What an event over the rate is acknowledged with, when it asked for an acknowledgement. */
export const RATE_LIMITED_ACK = {
  ok: false,
  code: BoardErrorCode.rateLimited,
  message: '操作过于频繁，请稍后再试 / Too many requests; please slow down',
} as const;

/**
 * Limits the events of one `/board` socket to `boardSocketRate`. An event over the rate is dropped (not
 * handled) and its acknowledgement, if any, says `rate_limited`; after `boardRefusalsBeforeDisconnect`
 * refusals in a row the socket is disconnected, so a flood costs the server a counter, not a handler.
 */
export function limitBoardEvents(socket: Socket, limits: Limits, logger: Logger): void {
  const bucket = new TokenBucket(limits.boardSocketRate);
  let refusedInARow = 0;
  socket.use((packet, next) => {
    if (bucket.take()) {
      refusedInARow = 0;
      next();
      return;
    }
    refusedInARow += 1;
    const ack: unknown = packet[packet.length - 1];
    if (typeof ack === 'function') (ack as (result: typeof RATE_LIMITED_ACK) => void)(RATE_LIMITED_ACK);
    if (refusedInARow >= limits.boardRefusalsBeforeDisconnect) {
      logger.warn('disconnected a board socket flooding events', { socket: socket.id });
      socket.disconnect(true);
    }
  });
}
