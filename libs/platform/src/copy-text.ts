/**
 * PostgreSQL's COPY text format (the default of `COPY … FROM STDIN`): one line per row, fields
 * separated by a tab, `\N` for null. Inside a field a backslash, tab, line feed and carriage return
 * are written as `\\`, `\t`, `\n` and `\r`; every other character stands for itself (UTF-8).
 *
 * A NUL character cannot be stored in a PostgreSQL text value at all: a field holding one is refused
 * here with an error (roster files with NUL bytes are refused at upload; this is the last guard, not
 * a rule users meet).
 */

/** What a COPY text field is made of: text, a number (a row number), or null. */
export type CopyTextValue = string | number | null;

const SPECIAL = /[\\\t\n\r\0]/;
const ESCAPABLE = /[\\\t\n\r]/g;
const ESCAPES: Readonly<Record<string, string>> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

/** One field, escaped (`\N` for null). Throws a RangeError for text that holds a NUL character. */
export function copyTextField(value: CopyTextValue): string {
  if (value === null) return '\\N';
  if (typeof value === 'number') return String(value);
  if (!SPECIAL.test(value)) return value;
  if (value.includes('\0')) throw new RangeError('A NUL character cannot be stored in PostgreSQL text');
  return value.replace(ESCAPABLE, (c) => ESCAPES[c]);
}

/** One row: its fields escaped, tab-separated, ending with a line feed. */
export function copyTextRow(values: readonly CopyTextValue[]): string {
  let line = copyTextField(values[0] ?? null);
  for (let i = 1; i < values.length; i++) line += `\t${copyTextField(values[i] ?? null)}`;
  return `${line}\n`;
}
