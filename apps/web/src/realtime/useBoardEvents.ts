import { useEffect, useRef } from 'react';
import { BOARD_NAMESPACE, ErrorCode } from '@yipan/protocol';
import { invalidateRequests } from '../api/useRequest';
import { loadMe, reasonOf, sessionEnded } from '../auth/authStore';
import { alignmentChanged, upstreamChanged } from '../alignment/alignmentEvents';
import { editRefused, lifecycleChanged } from '../lifecycle/lifecycleEvents';
import { boardConnected, notificationReceived } from '../notifications/notificationEvents';
import { proposalsChanged } from '../solicitation/proposalEvents';
import { publishBoardSocket, type BoardSocket } from './boardSocket';

/** Re-reads who the user is and everything on screen: their access may have changed. */
function refresh(): void {
  void loadMe();
  invalidateRequests();
}

/** Handshake refusals that mean the session is gone: ask /api/me, which signs out with the reason. */
const SESSION_CODES: ReadonlySet<string> = new Set([
  ErrorCode.unauthenticated,
  ErrorCode.sessionExpired,
  ErrorCode.sessionRevoked,
]);

/**
 * The server-authoritative events of `/board` (socket.io, loaded after the first paint): a changed
 * membership or plan status refetches what is on screen (so a board turns read-only within seconds),
 * an ended session signs out. Watches the open plan's room, and shares the socket (`useBoardSocket`).
 */
export function useBoardEvents(planId: string | null): void {
  const socketRef = useRef<BoardSocket | null>(null);
  const planRef = useRef(planId);
  const watchedRef = useRef<string | null>(null);

  /** Leaves the room of the plan watched so far and joins the open plan's (after a reconnect: joins again). */
  const syncWatch = useRef((rejoin: boolean) => {
    const socket = socketRef.current;
    if (!socket?.connected) return;
    const wanted = planRef.current;
    const watched = watchedRef.current;
    if (watched && watched !== wanted) socket.emit('plan:unwatch', { planId: watched });
    if (wanted && (rejoin || wanted !== watched)) socket.emit('plan:watch', { planId: wanted }, () => {});
    watchedRef.current = wanted;
  }).current;

  useEffect(() => {
    let cancelled = false;
    let socket: BoardSocket | null = null;
    void import('socket.io-client').then(({ io }) => {
      if (cancelled) return;
      // WebSocket only: the handshake carries the Origin the server checks (polling GETs carry neither Origin nor Referer).
      socket = io(BOARD_NAMESPACE, { transports: ['websocket'], withCredentials: true });
      socketRef.current = socket;
      publishBoardSocket(socket);
      const opened = socket;
      let connectedBefore = false;
      opened.on('connect', () => {
        syncWatch(true);
        boardConnected();
        // Events sent while disconnected are lost: after a reconnect, look again at what is on screen.
        if (connectedBefore) {
          refresh();
          alignmentChanged();
          upstreamChanged();
        }
        connectedBefore = true;
      });
      opened.on('access:changed', refresh);
      opened.on('plan:status', () => invalidateRequests());
      opened.on('plan:lifecycle', lifecycleChanged);
      opened.on('plan:proposals', proposalsChanged);
      opened.on('plan:refused', editRefused);
      opened.on('plan:alignment', alignmentChanged);
      opened.on('plan:upstream', upstreamChanged);
      opened.on('notification:new', notificationReceived);
      opened.on('session:ended', ({ reason }) => sessionEnded(reasonOf(reason) ?? 'expired'));
      opened.on('connect_error', (error) => {
        if (SESSION_CODES.has(error.message)) void loadMe();
      });
    });
    // A tab coming back to the front may have slept through events: look again.
    const onVisible = () => {
      if (document.visibilityState === 'visible') refresh();
    };
    document.addEventListener('visibilitychange', onVisible);
    return () => {
      cancelled = true;
      document.removeEventListener('visibilitychange', onVisible);
      socket?.disconnect();
      socketRef.current = null;
      publishBoardSocket(null);
      watchedRef.current = null;
    };
  }, [syncWatch]);

  useEffect(() => {
    planRef.current = planId;
    syncWatch(false);
  }, [planId, syncWatch]);
}
