import type * as ExcelJS from 'exceljs';

/**
 * exceljs, loaded the first time an Excel file is read or written: about 7 MiB of heap (14 MiB of
 * RSS) that a process handling only CSV rosters never needs. exceljs is CommonJS whose exports Node's
 * ES module loader cannot list (tsx): its `module.exports` is the `default` of the imported module
 * both there and in the CommonJS build.
 */
export async function loadExcelJs(): Promise<typeof ExcelJS> {
  const imported = (await import('exceljs')) as typeof ExcelJS & { default?: typeof ExcelJS };
  return imported.default ?? imported;
}

export type { ExcelJS };
