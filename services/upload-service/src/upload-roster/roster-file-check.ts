import { createReadStream } from 'node:fs';
import type { ImportType, RosterFileFormat } from '@rosterlink/contracts';
import type { ErrorDetail } from '@rosterlink/platform';
import { matchRosterHeader } from '@rosterlink/roster';
import { readRosterHeader, RosterFileError } from '@rosterlink/roster-file';

/**
 * What can be checked before accepting a roster without reading every row: the file reads as
 * its format, its header is the template's (each missing, unknown or duplicated column named),
 * and at least one practitioner row follows. Returns the problems; none means acceptable.
 */
export async function checkRosterFile(path: string, format: RosterFileFormat, importType: ImportType): Promise<ErrorDetail[]> {
  let header;
  try {
    header = await readRosterHeader(createReadStream(path), format);
  } catch (error) {
    if (!(error instanceof RosterFileError)) throw error;
    return [{ field: 'file', row: error.row, code: 'UNREADABLE_FILE', message: error.message }];
  }
  const match = matchRosterHeader(header.header, importType);
  if (!match.ok) {
    return match.problems.map((p) => ({ field: 'file', row: 1, column: p.column, code: p.code, message: p.message }));
  }
  if (!header.hasDataRow) {
    return [{ field: 'file', row: 2, code: 'NO_DATA_ROWS', message: 'The file has the template header but no practitioner rows' }];
  }
  return [];
}
