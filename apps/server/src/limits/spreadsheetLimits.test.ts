import { describe, expect, it } from 'vitest';
import ExcelJS from 'exceljs';
import { PlanImportErrorCode } from '@yipan/protocol';
import { checkXlsxUnpackedSize, TextBudget } from './spreadsheetLimits';

describe('spreadsheet limits', () => {
  it('lets an ordinary workbook through the unpacked-size check', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('计划').addRow(['议题名称', '备注']);
    const buffer = Buffer.from(await workbook.xlsx.writeBuffer());
    expect(() => checkXlsxUnpackedSize(buffer)).not.toThrow();
    expect(() => checkXlsxUnpackedSize(Buffer.from('not a zip'))).not.toThrow();
  });

  it('refuses text past the budget with spreadsheet_too_large', () => {
    const budget = new TextBudget(10);
    budget.charge('12345');
    expect(() => budget.charge('123456')).toThrow(
      expect.objectContaining({ status: 413, code: PlanImportErrorCode.spreadsheetTooLarge }),
    );
  });
});
