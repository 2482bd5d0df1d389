import { BOARD_NAMESPACE } from '@yipan/protocol';
import { planRoom, type BoardServer } from '../board/attachBoard';

/** Tells the plan's watchers on `/board` that its proposals changed, so open intakes re-read them. */
export function announceProposals(io: BoardServer, planId: string): void {
  io.of(BOARD_NAMESPACE).to(planRoom(planId)).emit('plan:proposals', { planId });
}
