import { IMPORT_TEXT_MAX_CHARS, PlanImportErrorCode } from '@yipan/protocol';
import { HttpError } from '../http/HttpError';

/**
 * Most bytes the parts of an .xlsx may say they unpack to. Sheet XML is 20–50 bytes per cell around its
 * text, so a sheet of IMPORT_TEXT_MAX_CHARS characters fits well below this; a zip bomb does not.
 */
export const XLSX_UNPACKED_MAX_BYTES = 200 * 1024 * 1024;

/** 413 `spreadsheet_too_large`: the sheet holds more text than one import takes. */
export function spreadsheetTooLarge(): HttpError {
  const millions = IMPORT_TEXT_MAX_CHARS / 1_000_000;
  return new HttpError(
    413,
    PlanImportErrorCode.spreadsheetTooLarge,
    `表格内容过多（超过 ${millions} 百万字符），请拆分后分批导入 / The spreadsheet holds too much text (over ${millions} million characters); split it and import in parts`,
  );
}

/** Counts the characters read from a sheet and refuses the import once they pass IMPORT_TEXT_MAX_CHARS. */
export class TextBudget {
  private used = 0;

  constructor(private readonly maxChars: number = IMPORT_TEXT_MAX_CHARS) {}

  /** Charges a text read from a cell; throws `spreadsheet_too_large` past the budget. */
  charge(text: string): void {
    this.used += text.length;
    if (this.used > this.maxChars) throw spreadsheetTooLarge();
  }
}

/** ZIP end-of-central-directory signature, and the fields read from it and from its entries. */
const EOCD_SIGNATURE = 0x06054b50;
const EOCD_MIN_BYTES = 22;
/** The EOCD may be followed by a comment of up to 65,535 bytes. */
const EOCD_SEARCH_BYTES = EOCD_MIN_BYTES + 0xffff;
const CENTRAL_ENTRY_SIGNATURE = 0x02014b50;
const CENTRAL_ENTRY_FIXED_BYTES = 46;

/**
 * Refuses an .xlsx whose parts say they unpack to more than XLSX_UNPACKED_MAX_BYTES, from the ZIP's
 * central directory, before anything is inflated. A directory that cannot be read is left to the
 * workbook reader, which refuses it as not a spreadsheet.
 */
export function checkXlsxUnpackedSize(buffer: Buffer): void {
  const searchFrom = Math.max(0, buffer.length - EOCD_SEARCH_BYTES);
  let eocd = -1;
  for (let at = buffer.length - EOCD_MIN_BYTES; at >= searchFrom; at -= 1) {
    if (buffer.readUInt32LE(at) === EOCD_SIGNATURE) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return;
  const entries = buffer.readUInt16LE(eocd + 10);
  let at = buffer.readUInt32LE(eocd + 16);
  let unpacked = 0;
  for (let index = 0; index < entries; index += 1) {
    if (at + CENTRAL_ENTRY_FIXED_BYTES > buffer.length || buffer.readUInt32LE(at) !== CENTRAL_ENTRY_SIGNATURE)
      return;
    unpacked += buffer.readUInt32LE(at + 24);
    if (unpacked > XLSX_UNPACKED_MAX_BYTES) throw spreadsheetTooLarge();
    at +=
      CENTRAL_ENTRY_FIXED_BYTES +
      buffer.readUInt16LE(at + 28) +
      buffer.readUInt16LE(at + 30) +
      buffer.readUInt16LE(at + 32);
  }
}
