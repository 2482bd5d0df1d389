import ExcelJS from 'exceljs';
import { HEADER_SCAN_ROWS, IMPORT_COLUMNS_MAX, IMPORT_TOPICS_MAX, type ImportGrid } from '@yipan/domain';
import { IMPORT_TEXT_MAX_CHARS, PlanImportErrorCode } from '@yipan/protocol';
import { HttpError } from '../http/HttpError';
import { decodeText } from './decodeText';
import { parseCsv } from './parseCsv';
import { checkXlsxUnpackedSize, spreadsheetTooLarge, TextBudget } from '../limits/spreadsheetLimits';

/** A ZIP archive's signature: an .xlsx is one. */
const ZIP_MAGIC = [0x50, 0x4b, 0x03, 0x04];
/** An OLE compound file's signature: Excel 97–2003 .xls, and every password-protected workbook. */
const CFB_MAGIC = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1];
/** The stream an encrypted OOXML workbook keeps inside its compound file, named in UTF-16. */
const ENCRYPTED_STREAM = Buffer.from('EncryptedPackage', 'utf16le');
/**
 * Most sheet rows read: the topics, their section rows and blank rows, and the header scan above them.
 * A larger sheet is refused before it is turned into text.
 */
const GRID_ROWS_MAX = IMPORT_TOPICS_MAX * 2 + HEADER_SCAN_ROWS;
/** Characters of an ISO date at the start of an ISO timestamp. */
const ISO_DATE_LENGTH = 10;

/** A spreadsheet read into a grid of texts, with the sheets it has and the one read. */
export type Spreadsheet = {
  format: 'xlsx' | 'csv';
  sheets: string[];
  sheet: string;
  grid: ImportGrid;
};

/** 400 with a stable import code and a bilingual message. */
function refused(code: PlanImportErrorCode, message: string, status = 400): HttpError {
  return new HttpError(status, code, message);
}

const notASpreadsheet = () =>
  refused(
    PlanImportErrorCode.notASpreadsheet,
    '该文件不是 Excel（.xlsx）或 CSV 表格 / The file is not an Excel (.xlsx) or CSV spreadsheet',
  );

/** 413: more rows than one import takes. */
export const tooManyRows = () =>
  refused(
    PlanImportErrorCode.tooManyRows,
    `表格行数过多，一次最多导入 ${IMPORT_TOPICS_MAX} 条议题 / Too many rows: one import takes at most ${IMPORT_TOPICS_MAX} topics`,
    413,
  );

function startsWith(buffer: Uint8Array, prefix: readonly number[]): boolean {
  return prefix.every((byte, index) => buffer[index] === byte);
}

/** A cell's value as text; `gap` when it is a formula whose result the file does not carry. */
function cellText(value: ExcelJS.CellValue): { text: string; gap: boolean } {
  if (value === null || value === undefined) return { text: '', gap: false };
  if (value instanceof Date)
    return {
      text: Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, ISO_DATE_LENGTH),
      gap: false,
    };
  if (typeof value === 'string') return { text: value, gap: false };
  if (typeof value === 'number' || typeof value === 'boolean') return { text: String(value), gap: false };
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result;
    if (result === undefined || result === null) return { text: '', gap: true };
    if (typeof result === 'object' && !(result instanceof Date) && 'error' in result)
      return { text: '', gap: true };
    return cellText(result);
  }
  if ('richText' in value) return { text: value.richText.map((run) => run.text).join(''), gap: false };
  if ('text' in value) {
    const text: unknown = value.text;
    return typeof text === 'string' ? { text, gap: false } : cellText(text as ExcelJS.CellValue);
  }
  if ('error' in value) return { text: '', gap: true };
  return { text: '', gap: false };
}

/** Column number (1-based) of the letters of an A1 reference. */
function columnNumber(letters: string): number {
  let number = 0;
  for (const letter of letters) number = number * 26 + (letter.charCodeAt(0) - 64);
  return number;
}

/** A merged range `A1:C2` as 0-based inclusive bounds, or null when it does not read as one. */
function mergeRange(range: string): ImportGrid['merges'][number] | null {
  const match = /^([A-Z]+)(\d+):([A-Z]+)(\d+)$/.exec(range);
  if (!match) return null;
  const [, left = '', top = '', right = '', bottom = ''] = match;
  return {
    top: Number(top) - 1,
    left: columnNumber(left) - 1,
    bottom: Number(bottom) - 1,
    right: columnNumber(right) - 1,
  };
}

function worksheetGrid(worksheet: ExcelJS.Worksheet): ImportGrid {
  const budget = new TextBudget();
  const cells: string[][] = [];
  const formulaGaps: ImportGrid['formulaGaps'] = [];
  const width = Math.min(worksheet.columnCount, IMPORT_COLUMNS_MAX);
  worksheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    if (rowNumber > GRID_ROWS_MAX) throw tooManyRows();
    const texts: string[] = [];
    for (let col = 1; col <= width; col += 1) {
      const cell = row.getCell(col);
      // A merged range's value belongs to its top-left cell; the domain decides what the others get.
      if (cell.isMerged && cell.master.address !== cell.address) {
        texts.push('');
        continue;
      }
      const { text, gap } = cellText(cell.value);
      budget.charge(text);
      texts.push(text);
      if (gap) formulaGaps.push({ row: rowNumber - 1, col: col - 1 });
    }
    cells[rowNumber - 1] = texts;
  });
  const merges = (worksheet.model.merges ?? []).flatMap((range) => mergeRange(range) ?? []);
  return { cells: Array.from(cells, (row) => row ?? []), merges, formulaGaps };
}

async function readXlsx(buffer: Buffer, sheetName: string | undefined): Promise<Spreadsheet> {
  checkXlsxUnpackedSize(buffer);
  const workbook = new ExcelJS.Workbook();
  try {
    // exceljs's typings predate Node's generic Buffer; the bytes are what it wants.
    await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  } catch {
    throw notASpreadsheet();
  }
  const sheets = workbook.worksheets.map((worksheet) => worksheet.name);
  if (sheets.length === 0) throw notASpreadsheet();
  const worksheet =
    sheetName !== undefined
      ? workbook.worksheets.find((candidate) => candidate.name === sheetName)
      : (workbook.worksheets.find((candidate) => candidate.actualRowCount > 0) ?? workbook.worksheets[0]);
  if (!worksheet)
    throw refused(
      PlanImportErrorCode.unknownSheet,
      `工作簿中没有名为“${sheetName}”的工作表 / The workbook has no sheet named "${sheetName}"`,
    );
  return { format: 'xlsx', sheets, sheet: worksheet.name, grid: worksheetGrid(worksheet) };
}

/**
 * Reads an uploaded spreadsheet into a grid of texts, by what its bytes are, not by its name: an .xlsx
 * (a ZIP), a CSV (text in UTF-8 or GB18030), or a refusal with a stable code: `encrypted_workbook` and
 * `legacy_xls` for compound files, `not_a_spreadsheet` for anything else, `too_many_rows`.
 */
export async function readSpreadsheet(
  buffer: Buffer,
  fileName: string,
  sheetName?: string,
): Promise<Spreadsheet> {
  if (startsWith(buffer, ZIP_MAGIC)) return readXlsx(buffer, sheetName);
  if (startsWith(buffer, CFB_MAGIC)) {
    if (buffer.includes(ENCRYPTED_STREAM))
      throw refused(
        PlanImportErrorCode.encryptedWorkbook,
        '该工作簿设有密码保护，请取消密码后另存为 .xlsx 再导入 / The workbook is password-protected; remove the password, save it as .xlsx and import again',
      );
    throw refused(
      PlanImportErrorCode.legacyXls,
      '这是旧版 Excel（.xls）文件，请在 Excel 中另存为 .xlsx 后再导入 / This is an old Excel (.xls) file; save it as .xlsx in Excel and import again',
    );
  }
  const text = decodeText(buffer);
  if (text === null || text.trim() === '') throw notASpreadsheet();
  if (text.length > IMPORT_TEXT_MAX_CHARS) throw spreadsheetTooLarge();
  const cells = parseCsv(text);
  if (cells.length > GRID_ROWS_MAX) throw tooManyRows();
  const sheet = fileName.replace(/\.[^.]*$/, '') || 'CSV';
  return { format: 'csv', sheets: [sheet], sheet, grid: { cells, merges: [], formulaGaps: [] } };
}
