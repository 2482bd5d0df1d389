import ExcelJS from 'exceljs';

/*
 * A worksheet laid out as offices print tables: a title in the first row, the header in the second (bold,
 * frozen, repeated on every printed page), thin borders, wrapped text, set column widths, landscape A4 fitted
 * to the page width. No merged cells and no formulas: the import refuses both, and the round trip must hold.
 */

/** Excel's paper size code of A4 (exceljs declares it as a const enum, which isolated modules cannot read). */
const PAPER_A4 = 9;
/** The row of the sheet's title, above the table. */
export const TITLE_ROW = 1;
/** The row of the column headers; the data starts below it, and printing repeats it on every page. */
export const HEADER_ROW = 2;
/** Point size of the title row. */
const TITLE_FONT_SIZE = 16;
/** Point size of the header and the cells. */
const CELL_FONT_SIZE = 11;
/** Light grey behind the header, which prints well in black and white. */
const HEADER_FILL = 'FFE8E8E8';
/** Page margins in inches: narrow, so a wide plan table fits one page across. */
const MARGINS = { left: 0.4, right: 0.4, top: 0.6, bottom: 0.6, header: 0.3, footer: 0.3 };
/** Fonts of the cells: 宋体 for Chinese text, as office spreadsheets use. */
const CELL_FONT = '宋体';

/** One column: its header and its width in characters. */
export type TableColumn = { header: string; width: number };

/** What a table sheet shows. */
export type TableSheet = {
  name: string;
  title: string;
  columns: readonly TableColumn[];
  rows: readonly (readonly (string | number)[])[];
};

const thin = { style: 'thin' as const, color: { argb: 'FF000000' } };
const border = { top: thin, left: thin, bottom: thin, right: thin };

/** Adds a sheet laid out as a printed table to the workbook. */
export function addTableSheet(workbook: ExcelJS.Workbook, table: TableSheet): ExcelJS.Worksheet {
  const sheet = workbook.addWorksheet(table.name, {
    views: [{ state: 'frozen', xSplit: 0, ySplit: HEADER_ROW }],
    pageSetup: {
      paperSize: PAPER_A4,
      orientation: 'landscape',
      fitToPage: true,
      fitToWidth: 1,
      fitToHeight: 0,
      horizontalCentered: true,
      printTitlesRow: `${HEADER_ROW}:${HEADER_ROW}`,
      margins: MARGINS,
    },
    headerFooter: { oddFooter: '第 &P 页，共 &N 页' },
  });
  sheet.columns = table.columns.map((column) => ({ width: column.width }));
  const title = sheet.getRow(TITLE_ROW);
  title.getCell(1).value = table.title;
  title.font = { name: CELL_FONT, size: TITLE_FONT_SIZE, bold: true };
  title.height = TITLE_FONT_SIZE * 2;
  const header = sheet.getRow(HEADER_ROW);
  header.values = table.columns.map((column) => column.header);
  table.columns.forEach((_column, index) => {
    const cell = header.getCell(index + 1);
    cell.font = { name: CELL_FONT, size: CELL_FONT_SIZE, bold: true };
    cell.alignment = { horizontal: 'center', vertical: 'middle', wrapText: true };
    cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: HEADER_FILL } };
    cell.border = border;
  });
  for (const values of table.rows) {
    const row = sheet.addRow([...values]);
    table.columns.forEach((_column, index) => {
      const cell = row.getCell(index + 1);
      cell.font = { name: CELL_FONT, size: CELL_FONT_SIZE };
      cell.alignment = { vertical: 'top', wrapText: true };
      cell.border = border;
    });
  }
  return sheet;
}

/** A new workbook stamped with its maker. */
export function newWorkbook(): ExcelJS.Workbook {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Yipan 一盘棋';
  workbook.created = new Date();
  return workbook;
}

/** The workbook as .xlsx bytes. */
export async function xlsxBuffer(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
