import type { RectificationErrorCode } from './rectification';

/** Stable codes of the errors the plan document's accessors throw; the server maps them to HTTP statuses. */
export type DomainErrorCode =
  | 'topic_not_found'
  | 'step_not_found'
  | 'item_not_found'
  | 'skip_reason_required'
  | 'not_tracking'
  | 'item_not_drafting'
  | RectificationErrorCode;

/** A refused domain operation with a stable code, so callers can tell a missing step from an illegal transition. */
export class DomainError extends Error {
  readonly code: DomainErrorCode;

  constructor(code: DomainErrorCode, message: string) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
  }
}
