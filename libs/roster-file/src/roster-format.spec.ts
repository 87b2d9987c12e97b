import { sniffRosterFormat } from './roster-format';
import { rosterTemplateXlsx } from './roster-template';

describe('sniffRosterFormat', () => {
  it('takes a ZIP signature for an xlsx candidate', async () => {
    expect(sniffRosterFormat((await rosterTemplateXlsx()).subarray(0, 512))).toBe('XLSX');
    expect(sniffRosterFormat(Buffer.from([0x50, 0x4b, 0x03, 0x04, 0x14, 0x00, 0x00, 0x00]))).toBe('XLSX');
  });

  it('takes UTF-8 text for CSV, with or without a BOM', () => {
    expect(sniffRosterFormat(Buffer.from('NPI,Last Name\r\n'))).toBe('CSV');
    expect(sniffRosterFormat(Buffer.from('\uFEFFNPI,Last Name\r\nJosé'))).toBe('CSV');
  });

  it('allows a multi-byte character cut off at the end of the head', () => {
    const bytes = Buffer.from('NPI,Name\nJos\u00e9 \u65e5');
    expect(sniffRosterFormat(bytes.subarray(0, bytes.length - 1))).toBe('CSV');
  });

  it('refuses what is neither', () => {
    expect(sniffRosterFormat(Buffer.alloc(0))).toBe('UNKNOWN');
    expect(sniffRosterFormat(Buffer.from('NPI\0,Last Name'))).toBe('UNKNOWN');
    expect(sniffRosterFormat(Buffer.from('Last Name\nJos\xe9 Souza\n', 'latin1'))).toBe('UNKNOWN'); // Windows-1252 "CSV"
    expect(sniffRosterFormat(Buffer.from('\uFEFFNPI,Name', 'utf16le'))).toBe('UNKNOWN');
    expect(sniffRosterFormat(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).toBe('UNKNOWN'); // legacy .xls
  });
});
