import type { RosterRowErrorCode, RowError } from './roster-cell';

export interface DuplicateNpiCheck {
  /**
   * Note the NPI of a row (pass the normalized value, e.g. `record.npi`). When an earlier row of the
   * file has the same NPI, push a DUPLICATE_NPI error on this row naming the first one and return false;
   * otherwise return true. Empty NPIs are not checked (the row validator reports them).
   */
  check(npi: string, serviceLocation: string, row: number, errors: RowError[]): boolean;
}

/** The file-level rule "an NPI appears once in a roster file": one instance per file. */
export function createDuplicateNpiCheck(): DuplicateNpiCheck {
  const firstRow = new Map<string, number>();
  /** Service location of the first row of each NPI, indexed by that row. */
  const locationOfRow: string[] = [];
  return {
    check(npi, serviceLocation, row, errors) {
      const key = npi.trim();
      if (key === '') return true;
      const first = firstRow.get(key);
      if (first === undefined) {
        firstRow.set(key, row);
        locationOfRow[row] = serviceLocation;
        return true;
      }
      const location = locationOfRow[first];
      const where = location ? ` (Service Location ${location})` : '';
      errors.push({
        row,
        column: 'NPI',
        code: 'DUPLICATE_NPI' satisfies RosterRowErrorCode,
        message: `NPI ${key} is already on row ${first}${where}; a practitioner may appear only once in a roster file.`,
      });
      return false;
    },
  };
}
