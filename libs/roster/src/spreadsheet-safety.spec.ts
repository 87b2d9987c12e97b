import { neutraliseSpreadsheetFormula } from './spreadsheet-safety';

describe('neutraliseSpreadsheetFormula', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `'=HYPERLINK("http://evil","x")`],
    ['+1 617 555 0123', `'+1 617 555 0123`],
    ['-2+3', `'-2+3`],
    ['@SUM(A1:A2)', `'@SUM(A1:A2)`],
    ['\t=cmd', `'\t=cmd`],
    ['\r=cmd', `'\r=cmd`],
  ])('prefixes %p with an apostrophe', (value, safe) => {
    expect(neutraliseSpreadsheetFormula(value)).toBe(safe);
  });

  it.each(['Souza', '1234567893', '', ' =not first', "O'Brien", 'a=b', '2026-03-01'])('leaves %p unchanged', (value) => {
    expect(neutraliseSpreadsheetFormula(value)).toBe(value);
  });
});
