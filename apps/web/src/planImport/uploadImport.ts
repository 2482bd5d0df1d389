import type { ColumnMapping } from '@yipan/domain';
import {
  CSRF_HEADER,
  ErrorBody,
  IMPORT_FILE_FIELD,
  ImportPreview,
  ImportRefusal,
  PlanImportErrorCode,
  PlanImportResult,
} from '@yipan/protocol';
import { ApiError, NETWORK_ERROR } from '../api/fetchJson';
import { authStore } from '../auth/authStore';

/** HTTP status of a successful import and of an import refused for its rows. */
const CREATED = 201;
const UNPROCESSABLE = 422;
const PERCENT = 100;

/** What the server answered: the preview of a dry run, the topics added, or the rows that kept it from importing. */
export type ImportOutcome =
  | { kind: 'preview'; preview: ImportPreview }
  | { kind: 'imported'; result: PlanImportResult }
  | { kind: 'problems'; preview: ImportPreview };

/** Where an upload stands: bytes going up (percent), then the server reading the table. */
export type UploadPhase = { phase: 'uploading'; percent: number } | { phase: 'parsing' };

/** Options of one upload. */
export type UploadOptions = {
  dryRun: boolean;
  mapping?: ColumnMapping;
  sheet?: string;
  onProgress?: (phase: UploadPhase) => void;
  signal?: AbortSignal;
};

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

/**
 * Posts a spreadsheet to `POST /api/plans/:planId/import` with XMLHttpRequest, because fetch cannot
 * report upload progress, and a 10 MB file on a county office's line takes a while. Carries the CSRF
 * token like every other change; rejects with an ApiError carrying the server's code.
 */
export function uploadImport(planId: string, file: File, options: UploadOptions): Promise<ImportOutcome> {
  const form = new FormData();
  form.set(IMPORT_FILE_FIELD, file, file.name);
  if (options.mapping) form.set('mapping', JSON.stringify(options.mapping));
  if (options.sheet) form.set('sheet', options.sheet);
  const auth = authStore.get();
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open(
      'POST',
      `/api/plans/${encodeURIComponent(planId)}/import${options.dryRun ? '?dryRun=1' : ''}`,
    );
    request.setRequestHeader('accept', 'application/json');
    if (auth.status === 'signedIn') request.setRequestHeader(CSRF_HEADER, auth.me.csrfToken);
    request.upload.addEventListener('progress', (event) => {
      if (event.lengthComputable)
        options.onProgress?.({
          phase: 'uploading',
          percent: Math.round((event.loaded / event.total) * PERCENT),
        });
    });
    request.upload.addEventListener('load', () => options.onProgress?.({ phase: 'parsing' }));
    request.addEventListener('error', () => reject(new ApiError(0, NETWORK_ERROR, 'network error')));
    request.addEventListener('abort', () => reject(new DOMException('aborted', 'AbortError')));
    request.addEventListener('load', () => {
      const body = parseJson(request.responseText);
      try {
        if (request.status === UNPROCESSABLE) {
          const refusal = ImportRefusal.safeParse(body);
          if (refusal.success && refusal.data.error.code === PlanImportErrorCode.importHasProblems)
            return resolve({ kind: 'problems', preview: refusal.data.preview });
        }
        if (request.status === CREATED)
          return resolve({ kind: 'imported', result: PlanImportResult.parse(body) });
        if (request.status >= 200 && request.status < 300)
          return resolve({ kind: 'preview', preview: ImportPreview.parse(body) });
        const error = ErrorBody.safeParse(body);
        reject(
          error.success
            ? new ApiError(request.status, error.data.error.code, error.data.error.message)
            : new ApiError(request.status, 'http_error', `HTTP ${request.status}`),
        );
      } catch (error) {
        reject(
          new ApiError(
            request.status,
            'invalid_response',
            error instanceof Error ? error.message : String(error),
          ),
        );
      }
    });
    options.signal?.addEventListener('abort', () => request.abort());
    request.send(form);
  });
}
