import {
  importedTopics,
  isImportable,
  readPlanTable,
  type ColumnMapping,
  type NewTopic,
} from '@yipan/domain';
import { PlanImportErrorCode, type ImportPreview } from '@yipan/protocol';
import { HttpError } from '../http/HttpError';
import { tooManyRows, type Spreadsheet } from './readSpreadsheet';

/** A preview and, when it has no error, the topics it would add. */
export type ImportReading = { preview: ImportPreview; topics: NewTopic[] | null };

/**
 * Reads a spreadsheet as a plan table (planTableImport.ts) into the preview the dry run answers: 400
 * `no_header_row` when no row looks like a header, 413 `too_many_rows` past the limit of one import.
 */
export function importPreview(
  spreadsheet: Spreadsheet,
  fileName: string,
  mapping: ColumnMapping | undefined,
): ImportReading {
  const reading = readPlanTable(spreadsheet.grid, mapping ? { mapping } : {});
  if (!reading)
    throw new HttpError(
      400,
      PlanImportErrorCode.noHeaderRow,
      '表格中找不到表头行（如“序号、议题、监督方式、时间安排、牵头委室”） / No header row found (such as 序号, 议题, 监督方式, 时间安排, 牵头委室)',
    );
  if (reading.problems.some((problem) => problem.code === 'too_many_rows')) throw tooManyRows();
  const problems = [...reading.problems, ...reading.rows.flatMap((row) => row.problems)];
  const importable = isImportable(reading);
  const preview: ImportPreview = {
    fileName,
    format: spreadsheet.format,
    sheets: spreadsheet.sheets,
    sheet: spreadsheet.sheet,
    headerRow: reading.headerRow,
    columns: reading.columns,
    rows: reading.rows,
    problems: reading.problems,
    summary: {
      topics: reading.rows.filter((row) => row.kind === 'topic').length,
      sections: reading.rows.filter((row) => row.kind === 'section').length,
      skipped: reading.rows.filter((row) => row.kind === 'skipped').length,
      errors: problems.filter((problem) => problem.level === 'error').length,
      notices: problems.filter((problem) => problem.level === 'notice').length,
    },
    importable,
  };
  return { preview, topics: importable ? importedTopics(reading) : null };
}
