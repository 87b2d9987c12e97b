/** Where a page of a list endpoint's answer (`limit`, `offset`, `total`) stands: the rows it shows, and whether there is more either way. */
export interface PageStanding {
  /** 1-based number of the first row shown; 0 when there is none. */
  first: number;
  /** 1-based number of the last row shown. */
  last: number;
  total: number;
  hasPrevious: boolean;
  hasNext: boolean;
}

export function pageStandingOf({ offset, shown, total }: { offset: number; shown: number; total: number }): PageStanding {
  return {
    first: shown === 0 ? 0 : offset + 1,
    last: offset + shown,
    total,
    hasPrevious: offset > 0,
    hasNext: offset + shown < total,
  };
}

/** The offset of the page before or after, never below 0. */
export function offsetOf(offset: number, limit: number, direction: 'previous' | 'next'): number {
  return direction === 'next' ? offset + limit : Math.max(0, offset - limit);
}

/** The page a list shows and how many there are ("page 2 of 3"); at least one page, even when empty. */
export function pageNumbersOf({ offset, limit, total }: { offset: number; limit: number; total: number }): { page: number; pages: number } {
  const pages = Math.max(1, Math.ceil(total / limit));
  return { page: Math.min(pages, Math.floor(offset / limit) + 1), pages };
}
