/**
 * Make a value safe to write into a CSV or spreadsheet cell (OWASP "CSV Injection"): a value that
 * starts with `=`, `+`, `-`, `@`, a tab or a carriage return would be read as a formula, so it gets a
 * leading apostrophe. Every other value is returned unchanged.
 */
export function neutraliseSpreadsheetFormula(value: string): string {
  if (value.length === 0) return value;
  switch (value.charCodeAt(0)) {
    case 0x3d: // =
    case 0x2b: // +
    case 0x2d: // -
    case 0x40: // @
    case 0x09: // tab
    case 0x0d: // carriage return
      return `'${value}`;
    default:
      return value;
  }
}
