import { rosterImportCaseNumber } from './case-number';

describe('rosterImportCaseNumber', () => {
  it('pads the sequence to six digits behind the year', () => {
    expect(rosterImportCaseNumber(new Date('2026-11-24T15:00:00Z'), 42)).toBe('RI-2026-000042');
  });

  it('takes the year in New York, not UTC', () => {
    // 03:00 UTC on New Year's Day is still the evening of 31 December in Boston.
    expect(rosterImportCaseNumber(new Date('2027-01-01T03:00:00Z'), 7)).toBe('RI-2026-000007');
    expect(rosterImportCaseNumber(new Date('2027-01-01T05:00:00Z'), 8)).toBe('RI-2027-000008');
  });

  it('refuses a sequence that does not fit six digits', () => {
    expect(() => rosterImportCaseNumber(new Date(), 1_000_000)).toThrow(RangeError);
    expect(() => rosterImportCaseNumber(new Date(), 0)).toThrow(RangeError);
  });
});
