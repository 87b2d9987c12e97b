import type { RosterFileFormat } from '@rosterlink/contracts';

const ZIP_SIGNATURE = Buffer.from([0x50, 0x4b, 0x03, 0x04]);

/**
 * Decides a roster file's format from its first bytes (the first 512 are plenty), never from its name.
 * - a ZIP local-file signature → `XLSX` (a candidate: whether the archive is a workbook is only known
 *   when it is read — `readRosterRows` then fails with a `RosterFileError`);
 * - text with no NUL byte that is valid UTF-8 → `CSV` (a UTF-8 BOM is fine; a multi-byte character cut
 *   off at the end of `head` is allowed);
 * - anything else (empty, UTF-16, legacy .xls, Windows-1252 text with accented letters, binaries) → `UNKNOWN`.
 */
export function sniffRosterFormat(head: Buffer): RosterFileFormat | 'UNKNOWN' {
  if (head.subarray(0, 4).equals(ZIP_SIGNATURE)) return 'XLSX';
  if (head.length > 0 && !head.includes(0) && isUtf8Prefix(head)) return 'CSV';
  return 'UNKNOWN';
}

function isUtf8Prefix(bytes: Buffer): boolean {
  const text = new TextDecoder('utf-8', { fatal: false }).decode(bytes);
  const replacements = text.match(/\uFFFD/g)?.length ?? 0;
  return replacements === 0 || (replacements === 1 && text.endsWith('\uFFFD'));
}
