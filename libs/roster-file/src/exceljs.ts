import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time an Excel file is read or written: about 7 MiB of heap (14 MiB of
 * RSS) that a process handling only CSV rosters never needs.
 */
export function loadExcelJs(): Promise<typeof ExcelJS> {
  return import('exceljs');
}

export type { ExcelJS };
