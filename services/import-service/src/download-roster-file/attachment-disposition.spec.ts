import { attachmentDisposition } from './attachment-disposition';

describe('attachmentDisposition', () => {
  it('quotes a plain ASCII file name as it is', () => {
    expect(attachmentDisposition('Roster Nov 2026 (v2).xlsx')).toBe('attachment; filename="Roster Nov 2026 (v2).xlsx"');
  });

  it('never lets a quote, a backslash, a path separator or a line break out of the quoted name', () => {
    expect(attachmentDisposition('a"b\\c/d.csv')).toBe(`attachment; filename="a'b_c_d.csv"; filename*=UTF-8''a%22b_c_d.csv`);
    const split = attachmentDisposition('roster.csv\r\nSet-Cookie: x=1');
    expect(split).not.toMatch(/[\r\n]/);
    expect(split).toBe('attachment; filename="roster.csvSet-Cookie: x=1"');
  });

  it('gives a non-ASCII name as filename* in UTF-8, with an ASCII stand-in for older clients', () => {
    expect(attachmentDisposition('Zoë café 名前.xlsx')).toBe(
      `attachment; filename="Zo_ caf_ __.xlsx"; filename*=UTF-8''Zo%C3%AB%20caf%C3%A9%20%E5%90%8D%E5%89%8D.xlsx`,
    );
    // RFC 8187 attr-char: ' ( ) * are encoded too.
    expect(attachmentDisposition("O'Brien (final)*é.csv")).toContain(`filename*=UTF-8''O%27Brien%20%28final%29%2A%C3%A9.csv`);
  });

  it('survives text UTF-8 cannot encode and names that are nothing but noise', () => {
    expect(attachmentDisposition('bad\uD800.csv')).toBe(`attachment; filename="bad_.csv"; filename*=UTF-8''bad%EF%BF%BD.csv`);
    expect(attachmentDisposition('\u0000\r\n ', 'roster.csv')).toBe('attachment; filename="roster.csv"');
  });
});
