/**
 * What the portal checks on the user's computer before sending a roster: that it is a CSV or Excel
 * (.xlsx) file, not empty, and not over the upload size limit. The header is checked by upload-service
 * (422, naming each bad column): the template's column table is not in the contract's browser entry yet.
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

export function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}
