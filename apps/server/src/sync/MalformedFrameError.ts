import { CloseCode } from '@yipan/protocol';

/** A frame that could not be decoded or applied; the connection that sent it is closed with `closeCode`. */
export class MalformedFrameError extends Error {
  constructor(
    message: string,
    readonly closeCode: CloseCode = CloseCode.invalidPayload,
  ) {
    super(message);
    this.name = 'MalformedFrameError';
  }
}
