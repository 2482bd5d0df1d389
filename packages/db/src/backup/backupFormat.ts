import { z } from 'zod';

/** The `format` of a Yipan backup's header line, so another gzip file is recognised and refused. */
export const BACKUP_FORMAT = 'yipan-backup';
/** The layout version this build writes and reads; a newer one is refused rather than half-read. */
export const BACKUP_VERSION = 1;

/** The first line of a backup: what it is, where it came from and the tables it holds, in restore order. */
export const BackupHeader = z.object({
  format: z.literal(BACKUP_FORMAT),
  version: z.number().int().positive(),
  createdAt: z.iso.datetime(),
  sourceDialect: z.enum(['sqlite', 'postgres']),
  /** The tag of the last migration applied to the source database, e.g. `0005_disclosure`. */
  migration: z.string().min(1),
  /** SQL names of the restored tables, parents before children. */
  tables: z.array(z.string().min(1)),
  /** Tables deliberately left out (sessions), recorded so a reader knows they were not lost. */
  skipped: z.array(z.string()).default([]),
});
/** The parsed header line. */
export type BackupHeader = z.infer<typeof BackupHeader>;

/** An encoded column value: strings (text, ISO instants, base64 bytes), numbers and nulls. */
export const EncodedValue = z.union([z.string(), z.number(), z.null()]);
/** An encoded column value (see EncodedValue). */
export type EncodedValue = z.infer<typeof EncodedValue>;

/** One row of one table, keyed by SQL column name. */
export const RowLine = z.object({ table: z.string(), row: z.record(z.string(), EncodedValue) });
/** A parsed row line. */
export type RowLine = z.infer<typeof RowLine>;

/** The last line: rows per table, so a truncated file (missing it, or short of rows) is detected. */
export const TrailerLine = z.object({
  end: z.literal(true),
  counts: z.record(z.string(), z.number().int().min(0)),
});
/** A parsed trailer line. */
export type TrailerLine = z.infer<typeof TrailerLine>;

/** Rows restored or backed up per table, in restore order. */
export type TableCounts = Record<string, number>;

/** Progress reported per table (the CLI prints it to stderr). */
export type BackupProgress = (event: { table: string; rows: number }) => void;
