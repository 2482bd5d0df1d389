import { getTableColumns, type Column } from 'drizzle-orm';
import type { PgTable } from 'drizzle-orm/pg-core';
import { BackupError } from './BackupError';
import type { EncodedValue } from './backupFormat';

/** How a column's values are written: JSON has no bytes or instants, so those become strings. */
type ColumnKind = 'string' | 'number' | 'date' | 'buffer';

/** One column as the codec sees it: its drizzle key, SQL name, kind and whether it may be null. */
type CodecColumn = { key: string; name: string; kind: ColumnKind; notNull: boolean };

/** Standard base64 (what Buffer#toString('base64') writes), so a mangled byte string is refused. */
const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

function kindOf(column: Column): ColumnKind {
  // PostgreSQL's bytea is a custom column (drizzle 0.45 has none) that reads as a Buffer, like SQLite's blob.
  if (column.dataType === 'buffer' || (column.dataType === 'custom' && column.getSQLType() === 'bytea'))
    return 'buffer';
  if (column.dataType === 'string' || column.dataType === 'number' || column.dataType === 'date')
    return column.dataType;
  throw new BackupError(`不支持的列类型 / unsupported column type ${column.dataType} of ${column.name}`);
}

/**
 * Encodes and decodes the rows of one table between drizzle's values (identical on both dialects:
 * Dates, Buffers, numbers, strings) and JSON: instants as ISO strings (millisecond precision, exactly what
 * both dialects store), bytes as base64, JSON columns verbatim as the text they are stored as.
 */
export class RowCodec {
  private readonly columns: CodecColumn[];
  private readonly byName: Map<string, CodecColumn>;

  constructor(
    readonly table: string,
    /** The table's PostgreSQL binding; both bindings read and write identical rows (see Driver). */
    drizzleTable: PgTable,
  ) {
    this.columns = Object.entries(getTableColumns(drizzleTable)).map(([key, column]) => ({
      key,
      name: column.name,
      kind: kindOf(column),
      notNull: column.notNull,
    }));
    this.byName = new Map(this.columns.map((column) => [column.name, column]));
  }

  /** A drizzle row (keyed by property) as a JSON row keyed by SQL column name. */
  encode(row: Record<string, unknown>): Record<string, EncodedValue> {
    const encoded: Record<string, EncodedValue> = {};
    for (const column of this.columns) encoded[column.name] = encodeValue(column, row[column.key]);
    return encoded;
  }

  /** A JSON row back into a drizzle insert row; throws on an unknown column or a value of the wrong kind. */
  decode(row: Record<string, EncodedValue>): Record<string, unknown> {
    const decoded: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(row)) {
      const column = this.byName.get(name);
      if (!column)
        throw new BackupError(`${this.table} 没有列 ${name} / ${this.table} has no column ${name}`);
      decoded[column.key] = decodeValue(this.table, column, value);
    }
    return decoded;
  }
}

function encodeValue(column: CodecColumn, value: unknown): EncodedValue {
  if (value === null || value === undefined) return null;
  if (column.kind === 'date' && value instanceof Date) return value.toISOString();
  if (column.kind === 'buffer' && value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  if (column.kind === 'number' && typeof value === 'number' && Number.isFinite(value)) return value;
  if (column.kind === 'string' && typeof value === 'string') return value;
  throw new BackupError(`无法备份 ${column.name} 的值 / cannot back up the value of ${column.name}`);
}

function decodeValue(table: string, column: CodecColumn, value: EncodedValue): unknown {
  const invalid = () =>
    new BackupError(`备份中 ${table}.${column.name} 的值无效 / invalid value of ${table}.${column.name}`);
  if (value === null) {
    if (column.notNull) throw invalid();
    return null;
  }
  switch (column.kind) {
    case 'string':
      if (typeof value !== 'string') throw invalid();
      return value;
    case 'number':
      if (typeof value !== 'number' || !Number.isFinite(value)) throw invalid();
      return value;
    case 'date': {
      const date = typeof value === 'string' ? new Date(value) : null;
      if (!date || Number.isNaN(date.getTime()) || date.toISOString() !== value) throw invalid();
      return date;
    }
    case 'buffer':
      if (typeof value !== 'string' || value.length % 4 !== 0 || !BASE64.test(value)) throw invalid();
      return Buffer.from(value, 'base64');
  }
}
