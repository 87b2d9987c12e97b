import type { ImportType } from '@rosterlink/contracts/browser';
import { ROSTER_COLUMNS, type RosterColumn, type RosterColumnKey } from './roster-columns';

/** Where each template column sits in the file: column key → 0-based cell index, for the columns present. */
export type RosterColumnIndex = Readonly<Partial<Record<RosterColumnKey, number>>>;

export type HeaderProblemCode = 'MISSING_COLUMN' | 'UNKNOWN_COLUMN' | 'DUPLICATE_COLUMN' | 'BLANK_COLUMN';

export interface HeaderProblem {
  code: HeaderProblemCode;
  /**
   * The header concerned: as the file writes it (UNKNOWN_COLUMN, DUPLICATE_COLUMN), as the template
   * writes it (MISSING_COLUMN), '' for BLANK_COLUMN.
   */
  column: string;
  /** 1-based position of the header cell (1 = column A); absent for MISSING_COLUMN. */
  position?: number;
  /** UNKNOWN_COLUMN only: the template header the file probably means (a hint, never applied). */
  suggestion?: string;
  /** One sentence for the practice manager. */
  message: string;
}

export type HeaderMatch = { ok: true; columns: RosterColumnIndex } | { ok: false; problems: HeaderProblem[] };

const INVISIBLE = /[\u200B-\u200D\u2060\uFEFF]/g;
const WHITESPACE_RUN = /\s+/g;
const NOT_ALPHANUMERIC = /[^a-z0-9]/g;

/** Template header, lower case, inner spaces collapsed → column. */
const BY_HEADER = new Map<string, RosterColumn>(ROSTER_COLUMNS.map((c) => [c.header.toLowerCase(), c]));

/** Header or alias with case, spaces and punctuation removed → column ("lastname", "dob"). */
const BY_LOOSE_NAME = buildLooseNames();

function looseName(normalized: string): string {
  return normalized.replace(NOT_ALPHANUMERIC, '');
}

function buildLooseNames(): Map<string, RosterColumn> {
  const map = new Map<string, RosterColumn>();
  for (const column of ROSTER_COLUMNS) {
    for (const name of [column.header, ...column.aliases]) {
      const loose = looseName(name.toLowerCase());
      const other = map.get(loose);
      if (other && other !== column) {
        throw new Error(`Roster column alias "${name}" is ambiguous: ${other.header} or ${column.header}`);
      }
      map.set(loose, column);
    }
  }
  return map;
}

/** The text of a header cell; xlsx readers may hand over rich text, hyperlink or formula cells. */
function headerText(cell: unknown): string {
  if (typeof cell === 'string') return cell;
  if (cell === null || cell === undefined) return '';
  if (cell instanceof Date) return cell.toISOString().slice(0, 10);
  if (typeof cell === 'object') {
    const c = cell as { richText?: Array<{ text?: unknown }>; text?: unknown; result?: unknown };
    if (Array.isArray(c.richText)) return c.richText.map((run) => String(run.text ?? '')).join('');
    if (typeof c.text === 'string') return c.text;
    if (c.result !== undefined) return headerText(c.result);
  }
  return String(cell);
}

const MAX_SHOWN_HEADER = 100;

/** The header as matched and shown: invisible characters dropped, spaces collapsed and trimmed, cut short. */
function displayHeader(cell: unknown): string {
  const text = headerText(cell).replace(INVISIBLE, '').replace(WHITESPACE_RUN, ' ').trim();
  return text.length > MAX_SHOWN_HEADER ? `${text.slice(0, MAX_SHOWN_HEADER)}…` : text;
}

/** 1 → A, 26 → Z, 27 → AA. */
export function spreadsheetColumnLetter(position: number): string {
  let letters = '';
  for (let n = position; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** Optimal string alignment distance: insertions, deletions, substitutions and adjacent swaps ("Frist"). */
function editDistance(a: string, b: string): number {
  const rows: number[][] = [];
  for (let i = 0; i <= a.length; i++) {
    rows.push([i]);
    for (let j = 1; j <= b.length; j++) rows[i][j] = i === 0 ? j : 0;
  }
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(rows[i - 1][j] + 1, rows[i][j - 1] + 1, rows[i - 1][j - 1] + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, rows[i - 2][j - 2] + 1);
      rows[i][j] = best;
    }
  }
  return rows[a.length][b.length];
}

/**
 * The template column an unknown header probably means: the same name ignoring punctuation
 * ("Last_Name"), an alias ("DOB"), or a header within a small edit distance ("Frist Name": 2 for
 * names of 6+ letters, 1 for 4–5 letters, none shorter, so "Zip" is not taken for "NPI").
 */
function suggestColumn(normalized: string): RosterColumn | undefined {
  const loose = looseName(normalized);
  if (loose === '') return undefined;
  const named = BY_LOOSE_NAME.get(loose);
  if (named) return named;
  const allowed = loose.length >= 6 ? 2 : loose.length >= 4 ? 1 : 0;
  if (allowed === 0) return undefined;
  let best: RosterColumn | undefined;
  let bestDistance = allowed + 1;
  for (const [name, column] of BY_LOOSE_NAME) {
    if (Math.abs(name.length - loose.length) > allowed) continue;
    const distance = editDistance(loose, name);
    if (distance < bestDistance) {
      best = column;
      bestDistance = distance;
    }
  }
  return best;
}

function importTypeName(importType: ImportType): string {
  return importType === 'TERMINATE' ? 'a Terminate roster' : 'an Add/Update roster';
}

/**
 * Match the header row of a roster file against the template: case, surrounding and repeated spaces
 * and a UTF-8 BOM are ignored, columns may come in any order. Empty cells after the last header are
 * ignored (CSV trailing commas, formatted xlsx cells); every other problem is listed, each named.
 * A file is accepted only when nothing is wrong: an unknown column refuses it even when a
 * suggestion exists — the suggestion only goes into the message.
 */
export function matchRosterHeader(cells: readonly unknown[], importType: ImportType): HeaderMatch {
  const names: string[] = [];
  let last = -1;
  for (let i = 0; i < cells.length; i++) {
    const name = displayHeader(cells[i]);
    names.push(name);
    if (name !== '') last = i;
  }

  const columns: Partial<Record<RosterColumnKey, number>> = {};
  const problems: HeaderProblem[] = [];
  const unknown: number[] = [];
  for (let i = 0; i <= last; i++) {
    const position = i + 1;
    const name = names[i];
    if (name === '') {
      problems.push({
        code: 'BLANK_COLUMN',
        column: '',
        position,
        message: `Column ${spreadsheetColumnLetter(position)} has no header; remove the empty column or give it a header from the roster template.`,
      });
      continue;
    }
    const column = BY_HEADER.get(name.toLowerCase());
    if (!column) {
      unknown.push(problems.length);
      problems.push({ code: 'UNKNOWN_COLUMN', column: name, position, message: '' });
      continue;
    }
    const first = columns[column.key];
    if (first === undefined) {
      columns[column.key] = i;
      continue;
    }
    problems.push({
      code: 'DUPLICATE_COLUMN',
      column: name,
      position,
      message: `Column "${column.header}" appears more than once (columns ${spreadsheetColumnLetter(first + 1)} and ${spreadsheetColumnLetter(position)}); keep only one.`,
    });
  }

  // Suggestions once every known column is placed: never suggest a column the file already has.
  for (const at of unknown) {
    const problem = problems[at];
    const suggested = suggestColumn(problem.column.toLowerCase());
    if (suggested && columns[suggested.key] === undefined) {
      problem.suggestion = suggested.header;
      problem.message = `Column "${problem.column}" is not in the roster template — did you mean "${suggested.header}"?`;
    } else {
      problem.message = `Column "${problem.column}" is not in the roster template; remove it or rename it to a template column.`;
    }
  }

  for (const column of ROSTER_COLUMNS) {
    if (columns[column.key] === undefined && (column.requiredFor as readonly ImportType[]).includes(importType)) {
      problems.push({
        code: 'MISSING_COLUMN',
        column: column.header,
        message: `The required column "${column.header}" is missing; it is required on ${importTypeName(importType)}.`,
      });
    }
  }

  return problems.length === 0 ? { ok: true, columns } : { ok: false, problems };
}
