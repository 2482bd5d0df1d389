import { z } from 'zod';
import { ImportColumn, ImportedRow, ImportProblem, lazySchema } from '@yipan/domain';

/*
 * The wire contract of `POST /api/plans/:planId/import` (multipart: `file`, optional `mapping` and
 * `sheet`; `?dryRun=1` previews and writes nothing). The preview's rows and problems are the domain's
 * (planTableImport.ts), so the web app words each problem from its code.
 */

/** Field of the multipart body that carries the spreadsheet. */
export const IMPORT_FILE_FIELD = 'file';
/** Largest spreadsheet accepted: a year's plan is a few hundred kilobytes; 10 MB leaves room for pictures. */
export const IMPORT_FILE_MAX_BYTES = 10 * 1024 * 1024;

/** Most characters of text one import unpacks to (all cells together): a zip bomb stops here. */
export const IMPORT_TEXT_MAX_CHARS = 4_000_000;

/** Stable codes of import refusals. */
export const PlanImportErrorCode = {
  /** 400: no `file` part in the request. */
  fileMissing: 'file_missing',
  /** 400: neither an .xlsx workbook nor a CSV text. */
  notASpreadsheet: 'not_a_spreadsheet',
  /** 400: a password-protected (encrypted) workbook. */
  encryptedWorkbook: 'encrypted_workbook',
  /** 400: an Excel 97–2003 .xls file; save it as .xlsx. */
  legacyXls: 'legacy_xls',
  /** 413: over IMPORT_FILE_MAX_BYTES. */
  fileTooLarge: 'file_too_large',
  /** 400: nothing on the sheet looks like a plan table's header row. */
  noHeaderRow: 'no_header_row',
  /** 400: the sheet chosen is not in the workbook. */
  unknownSheet: 'unknown_sheet',
  /** 400: the corrected mapping is not valid JSON of column keys. */
  invalidMapping: 'invalid_mapping',
  /** 413: more rows than one import takes. */
  tooManyRows: 'too_many_rows',
  /** 413: the sheet unpacks to more text than one import takes (IMPORT_TEXT_MAX_CHARS). */
  spreadsheetTooLarge: 'spreadsheet_too_large',
  /** 422: some rows have errors; nothing was written (the body carries the preview). */
  importHasProblems: 'import_has_problems',
  /** 409: the plan is approved or later; its content changes only through an adjustment. */
  planFrozen: 'plan_frozen',
} as const;
export type PlanImportErrorCode = (typeof PlanImportErrorCode)[keyof typeof PlanImportErrorCode];

/** Query of the import: `dryRun=1` previews only. */
export const PlanImportQuery = lazySchema(() =>
  z.object({ dryRun: z.enum(['0', '1', 'true', 'false']).optional() }),
);
export type PlanImportQuery = z.infer<typeof PlanImportQuery>;

/** Counts of a preview, for its summary line. */
export const ImportSummary = lazySchema(() =>
  z.object({
    /** Rows that become topics. */
    topics: z.number().int().nonnegative(),
    sections: z.number().int().nonnegative(),
    skipped: z.number().int().nonnegative(),
    errors: z.number().int().nonnegative(),
    notices: z.number().int().nonnegative(),
  }),
);
export type ImportSummary = z.infer<typeof ImportSummary>;

/** The dry run's answer: what the file reads as, row by row, before anything is written. */
export const ImportPreview = lazySchema(() =>
  z.object({
    fileName: z.string(),
    format: z.enum(['xlsx', 'csv']),
    /** The workbook's sheets (one for a CSV) and the one read. */
    sheets: z.array(z.string()),
    sheet: z.string(),
    /** 1-based row of the header. */
    headerRow: z.number().int().positive(),
    columns: z.array(ImportColumn),
    rows: z.array(ImportedRow),
    /** Problems of the whole table (no title column). */
    problems: z.array(ImportProblem),
    summary: ImportSummary,
    /** Whether importing now would succeed: no error anywhere. */
    importable: z.boolean(),
  }),
);
export type ImportPreview = z.infer<typeof ImportPreview>;

/** A successful import: every topic added in one edit, in sheet order. */
export const PlanImportResult = lazySchema(() =>
  z.object({
    imported: z.number().int().nonnegative(),
    topicIds: z.array(z.string()),
  }),
);
export type PlanImportResult = z.infer<typeof PlanImportResult>;

/** The 422 `import_has_problems` body: the error plus the preview that shows where. */
export const ImportRefusal = lazySchema(() =>
  z.object({
    error: z.object({ code: z.string(), message: z.string() }),
    preview: ImportPreview,
  }),
);
export type ImportRefusal = z.infer<typeof ImportRefusal>;
