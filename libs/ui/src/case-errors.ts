import type { CaseError } from './service-views';

export type ErrorSortKey = 'row' | 'column' | 'message';
export interface ErrorSort {
  key: ErrorSortKey;
  descending: boolean;
}

export function sortErrors(errors: readonly CaseError[], { key, descending }: ErrorSort): CaseError[] {
  const sign = descending ? -1 : 1;
  return [...errors].sort((a, b) => {
    const primary = key === 'row' ? a.row - b.row : a[key].localeCompare(b[key]);
    return sign * primary || a.row - b.row;
  });
}

/** The next sort after a click on a column header: the same column flips, another starts ascending. */
export function toggleSort(current: ErrorSort, key: ErrorSortKey): ErrorSort {
  return current.key === key ? { key, descending: !current.descending } : { key, descending: false };
}
