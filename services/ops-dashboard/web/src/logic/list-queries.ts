import { LINK_REQUEST_ASSIGNEE_ME, LINK_REQUEST_ASSIGNEE_NONE, NPI_PATTERN, PIDSL_PATTERN } from '@rosterlink/contracts/browser';
import type { AssigneeFilter } from '../assignment';
import type { LinkRequestSort, SlaState } from '../types';

/** Every list the dashboard pages through shows this many rows a page. */
export const PAGE_SIZE = 50;

/** The longest search the services take (`q`, 1–100 characters). */
export const SEARCH_MAX_LENGTH = 100;

/** The queue's filters as the analyst set them; what the service is asked is `queueParams`. */
export interface QueueFilters {
  slaState: SlaState | '';
  /** A PID/SL as typed; sent once it is one. */
  pidsl: string;
  assignee: AssigneeFilter;
  /** Provider name, NPI or request id. */
  search: string;
  dueFrom: string;
  dueTo: string;
  sort: LinkRequestSort;
}

export const NO_QUEUE_FILTERS: QueueFilters = { slaState: '', pidsl: '', assignee: { kind: 'all' }, search: '', dueFrom: '', dueTo: '', sort: 'dueDate' };

/** What is wrong with the due-date range, if anything (the service refuses it with a 400). */
export function dueRangeProblem({ dueFrom, dueTo }: Pick<QueueFilters, 'dueFrom' | 'dueTo'>): string | null {
  return dueFrom && dueTo && dueFrom > dueTo ? 'The “due from” date is after the “due to” date.' : null;
}

/** A typed PID/SL in the form the service takes (upper case), or '' while it is not one. */
export function pidslOf(typed: string): string {
  const pidsl = typed.trim().toUpperCase();
  return PIDSL_PATTERN.test(pidsl) ? pidsl : '';
}

/**
 * The open requests' filters and sort as `GET /link-requests` (and its `export.csv`) takes them: only
 * what is set, nothing the service would refuse (an unfinished PID/SL, a reversed due range).
 */
export function queueParams(filters: QueueFilters): URLSearchParams {
  const params = new URLSearchParams({ status: 'SUBMITTED' });
  if (filters.slaState) params.set('slaState', filters.slaState);
  const pidsl = pidslOf(filters.pidsl);
  if (pidsl) params.set('pidsl', pidsl);
  const assignee = assigneeParam(filters.assignee);
  if (assignee) params.set('assignee', assignee);
  const q = filters.search.trim().slice(0, SEARCH_MAX_LENGTH);
  if (q) params.set('q', q);
  if (!dueRangeProblem(filters)) {
    if (filters.dueFrom) params.set('dueFrom', filters.dueFrom);
    if (filters.dueTo) params.set('dueTo', filters.dueTo);
  }
  params.set('sort', filters.sort);
  return params;
}

function assigneeParam(filter: AssigneeFilter): string | null {
  switch (filter.kind) {
    case 'all':
      return null;
    case 'mine':
      return LINK_REQUEST_ASSIGNEE_ME;
    case 'unassigned':
      return LINK_REQUEST_ASSIGNEE_NONE;
    case 'analyst':
      return filter.userId;
  }
}

/** Whether any filter narrows the queue (the sort does not). */
export function queueIsFiltered(filters: QueueFilters): boolean {
  return [...queueParams(filters).keys()].some((key) => !['status', 'sort'].includes(key));
}

/** A page of a list: the filters plus `limit` and `offset`. */
export function pageParams(filters: URLSearchParams, offset: number, limit = PAGE_SIZE): URLSearchParams {
  const params = new URLSearchParams(filters);
  params.set('limit', String(limit));
  params.set('offset', String(offset));
  return params;
}

/** The columns the queue can be sorted by, and how `aria-sort` names the order on each. */
export function queueColumnSort(sort: LinkRequestSort, column: 'Provider' | 'Submitted' | 'Due date'): 'ascending' | 'descending' | undefined {
  const key = sort.replace(/^-/, '');
  const direction = sort.startsWith('-') ? 'descending' : 'ascending';
  if (column === 'Provider' && key === 'provider') return direction;
  if (column === 'Submitted' && key === 'submittedAt') return direction;
  if (column === 'Due date' && key === 'dueDate') return direction;
  return undefined;
}

/** Filters of the cases and letters lists that share a shape: search, NPI, created from/to, sort. */
export interface RecordFilters<S extends string, Sort extends string> {
  status: S | '';
  /** Case number / letter or request id, or part of the file / recipient name. */
  search: string;
  npi: string;
  createdFrom: string;
  createdTo: string;
  sort: Sort;
}

/** What is wrong with the record filters, if anything: a partial NPI or a reversed date range. */
export function recordFilterProblems(filters: Pick<RecordFilters<string, string>, 'npi' | 'createdFrom' | 'createdTo'>): { npi?: string; created?: string } {
  const problems: { npi?: string; created?: string } = {};
  if (filters.npi.trim() && !NPI_PATTERN.test(filters.npi.trim())) problems.npi = 'An NPI has 10 digits; showing every practitioner until then.';
  if (filters.createdFrom && filters.createdTo && filters.createdFrom > filters.createdTo) problems.created = 'The “from” date is after the “to” date.';
  return problems;
}

/** The record filters as `GET /cases` or `GET /letters` takes them, only what is set and valid. */
export function recordParams(filters: RecordFilters<string, string>, extra: Record<string, string> = {}): URLSearchParams {
  const params = new URLSearchParams(extra);
  const problems = recordFilterProblems(filters);
  if (filters.status) params.set('status', filters.status);
  const q = filters.search.trim().slice(0, SEARCH_MAX_LENGTH);
  if (q) params.set('q', q);
  if (filters.npi.trim() && !problems.npi) params.set('npi', filters.npi.trim());
  if (!problems.created) {
    if (filters.createdFrom) params.set('createdFrom', filters.createdFrom);
    if (filters.createdTo) params.set('createdTo', filters.createdTo);
  }
  params.set('sort', filters.sort);
  return params;
}

/**
 * Where the header's search looks: link requests by `q` (NPI, request id or name), cases and letters by
 * `npi` for 10 digits, otherwise by `q` (a case number or file name; a letter or request id or recipient).
 */
export function searchPaths(typed: string, limit = 20): { requests: string; cases: string; letters: string } {
  const q = typed.trim().slice(0, SEARCH_MAX_LENGTH);
  const by = NPI_PATTERN.test(q) ? 'npi' : 'q';
  const page = `limit=${limit}`;
  return {
    requests: `/link-request/link-requests?${new URLSearchParams({ q })}&${page}`,
    cases: `/import/cases?${new URLSearchParams({ [by]: q })}&${page}`,
    letters: `/notification/letters?${new URLSearchParams({ [by]: q })}&${page}`,
  };
}
