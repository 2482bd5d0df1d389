import { CloseCode } from '@yipan/protocol';

/**
 * A frame that could not be decoded, applied or accepted; the connection that sent it is closed with
 * `closeCode` and `reason` (a stable code the client can act on; the details stay in the server's log).
 */
export class MalformedFrameError extends Error {
  constructor(
    message: string,
    readonly closeCode: CloseCode = CloseCode.invalidPayload,
    readonly reason = 'malformed frame',
  ) {
    super(message);
    this.name = 'MalformedFrameError';
  }
}
