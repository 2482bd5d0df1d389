import { CloseCode } from '@yipan/protocol';
import { MalformedFrameError } from '../sync/MalformedFrameError';

/** A frame over a limit: its connection is closed with `closeCode` and a reason the client can show. */
export class LimitExceededError extends MalformedFrameError {
  constructor(
    /** The close reason: a stable code such as `awareness_too_large`. */
    reason: string,
    closeCode: CloseCode = CloseCode.tooLarge,
  ) {
    super(reason, closeCode, reason);
    this.name = 'LimitExceededError';
  }
}
