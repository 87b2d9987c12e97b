import { copyTextField, copyTextRow } from './copy-text';

describe('COPY text format', () => {
  it('writes null as \\N and an empty string as nothing', () => {
    expect(copyTextField(null)).toBe('\\N');
    expect(copyTextField('')).toBe('');
  });

  it('escapes backslash, tab, line feed and carriage return, and nothing else', () => {
    expect(copyTextField('a\\b')).toBe('a\\\\b');
    expect(copyTextField('a\tb')).toBe('a\\tb');
    expect(copyTextField('line 1\nline 2\r\nline 3\r')).toBe('line 1\\nline 2\\r\\nline 3\\r');
    // A literal "\N" in the data is a backslash and an N, never null.
    expect(copyTextField('\\N')).toBe('\\\\N');
    expect(copyTextField('O\'Brien, "Jr." ; Zoë 名前 🩺 %s $1')).toBe('O\'Brien, "Jr." ; Zoë 名前 🩺 %s $1');
  });

  it('writes numbers as their digits', () => {
    expect(copyTextField(100001)).toBe('100001');
  });

  it('refuses text with a NUL character, which PostgreSQL text cannot hold', () => {
    expect(() => copyTextField('a\0b')).toThrow(RangeError);
    expect(() => copyTextField('\\\0')).toThrow(RangeError);
  });

  it('joins a row with tabs and ends it with a line feed', () => {
    expect(copyTextRow([2, 'a\tb', null, ''])).toBe('2\ta\\tb\t\\N\t\n');
    expect(copyTextRow([null])).toBe('\\N\n');
  });

  it('round-trips: decoding what it wrote gives the values back', () => {
    const values = ['\\', '\t', '\n', '\r', '\\t', 'x\\ny', '', null, 'plain', '\\\\N'];
    expect(decodeCopyTextRow(copyTextRow(values))).toEqual(values);
  });
});

/** PostgreSQL's reading of one COPY text line, for the round-trip check. */
function decodeCopyTextRow(line: string): (string | null)[] {
  expect(line.endsWith('\n')).toBe(true);
  return line
    .slice(0, -1)
    .split('\t')
    .map((field) =>
      field === '\\N' ? null : field.replace(/\\(.)/g, (_, c: string) => ({ t: '\t', n: '\n', r: '\r' })[c as 't' | 'n' | 'r'] ?? c),
    );
}
