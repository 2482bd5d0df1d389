import { ErrorBody } from '@yipan/protocol';

/** Anything that validates unknown JSON into a T: the protocol's zod schemas fit. */
export type Parser<T> = { parse(data: unknown): T };

/** Code of an answer that did not match the protocol schema. */
export const INVALID_RESPONSE = 'invalid_response';

/** A failed request, carrying the server's stable error code when it sent one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** GETs JSON from the server's REST API and validates it against the protocol schema. */
export async function fetchJson<T>(url: string, parser: Parser<T>, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, {
    credentials: 'same-origin',
    headers: { accept: 'application/json' },
    signal,
  });
  const body: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const error = ErrorBody.safeParse(body);
    throw error.success
      ? new ApiError(response.status, error.data.error.code, error.data.error.message)
      : new ApiError(response.status, 'http_error', `HTTP ${response.status}`);
  }
  try {
    return parser.parse(body);
  } catch (error) {
    // A server of another version: say so rather than show a schema dump.
    throw new ApiError(
      response.status,
      INVALID_RESPONSE,
      error instanceof Error ? error.message : String(error),
    );
  }
}
