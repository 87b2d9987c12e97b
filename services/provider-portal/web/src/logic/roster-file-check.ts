import type { ImportType } from '@rosterlink/contracts/browser';
import { matchRosterHeader } from '@rosterlink/roster';

/**
 * What the portal checks on the user's computer before sending a roster: that it is a CSV or Excel
 * (.xlsx) file, not empty, not over the upload size limit, and, for a CSV, that its header row is the
 * template's, by the same rule upload-service applies (`matchRosterHeader`). An Excel file's header is
 * checked by upload-service (422, naming each bad column).
 */

/** upload-service's default UPLOAD_MAX_BYTES; a larger file is refused there (413) in any case. */
export const ROSTER_UPLOAD_LIMIT_BYTES = 50 * 1024 * 1024;

const ROSTER_EXTENSIONS = ['.csv', '.xlsx'];

export interface ChosenFile {
  name: string;
  size: number;
}

/** The problem with the file, in words that say what to do; null when it may be sent. */
export function rosterFileProblem(file: ChosenFile, limitBytes = ROSTER_UPLOAD_LIMIT_BYTES): string | null {
  const name = file.name.toLowerCase();
  if (!ROSTER_EXTENSIONS.some((extension) => name.endsWith(extension))) {
    return `${file.name} is not a roster file. Save the roster from the template as CSV (.csv) or Excel (.xlsx), then choose it again.`;
  }
  if (file.size === 0) return `${file.name} is empty. Choose the roster file with its header row and one row per practitioner.`;
  if (file.size > limitBytes) {
    return `${file.name} is ${formatBytes(file.size)}, over the ${formatBytes(limitBytes)} limit. Split the roster into smaller files and upload each.`;
  }
  return null;
}

/** The problems of a CSV roster's header row (its first line), each in one sentence; [] when it is the template's. */
export function csvHeaderProblems(firstLine: string, importType: ImportType): string[] {
  const match = matchRosterHeader(csvFields(firstLine.replace(/^\uFEFF/, '')), importType);
  return match.ok ? [] : match.problems.map((p) => p.message);
}

/** The text of a CSV file's first line (up to 64 KB in), without reading the rest. */
export async function firstLineOf(file: Blob): Promise<string> {
  const head = await textOf(file.slice(0, 64 * 1024));
  return head.split(/\r?\n/, 1)[0] ?? '';
}

/** A blob's text: Blob.text() where there is one, else FileReader (jsdom has only that). */
function textOf(blob: Blob): Promise<string> {
  if (typeof blob.text === 'function') return blob.text();
  return new Promise<string>((resolve, reject) => {
    const reader = new FileReader();
    reader.onload = () => resolve(String(reader.result ?? ''));
    reader.onerror = () => reject(reader.error);
    reader.readAsText(blob);
  });
}

/** One CSV line's fields: commas separate, double quotes enclose, `""` inside quotes is a quote. */
export function csvFields(line: string): string[] {
  const fields: string[] = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quoted && c === '"' && line[i + 1] === '"') {
      field += '"';
      i++;
    } else if (c === '"') {
      quoted = !quoted;
    } else if (c === ',' && !quoted) {
      fields.push(field);
      field = '';
    } else {
      field += c;
    }
  }
  fields.push(field);
  return fields;
}

/**
 * Everything the portal checks before sending a roster (the file, then a CSV's header): the problem to show,
 * with the header's problems as its details; null when the file may be sent.
 */
export async function rosterFileRefusal(file: File, importType: ImportType): Promise<{ message: string; details: string[] } | null> {
  const fileProblem = rosterFileProblem(file);
  if (fileProblem) return { message: fileProblem, details: [] };
  if (!file.name.toLowerCase().endsWith('.csv')) return null;
  const problems = csvHeaderProblems(await firstLineOf(file), importType);
  if (problems.length === 0) return null;
  return {
    message: `${file.name} is not the approved roster template: its header row does not match. Correct the columns named below (or start from the template), then choose the file again.`,
    details: problems,
  };
}

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
