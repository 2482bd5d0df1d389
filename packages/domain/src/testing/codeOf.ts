import { DomainError } from '../errors';

/** The code of the DomainError `run` throws; undefined when it throws nothing, a marker for any other error. */
export function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (error) {
    return error instanceof DomainError ? error.code : 'not a DomainError';
  }
  return undefined;
}
