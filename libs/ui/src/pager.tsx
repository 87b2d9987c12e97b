import { offsetOf, pageNumbersOf, pageStandingOf } from './paging';

/**
 * Previous and Next page for a list endpoint's answer, with the rows shown ("21–40 of 75"). Shown only
 * when there is more than one page. `what` names the rows ("requests"), for the navigation's label.
 */
export function Pager({
  what,
  offset,
  limit,
  shown,
  total,
  onOffset,
}: {
  what: string;
  offset: number;
  limit: number;
  shown: number;
  total: number;
  onOffset: (offset: number) => void;
}) {
  const page = pageStandingOf({ offset, shown, total });
  const { page: number, pages } = pageNumbersOf({ offset, limit, total });
  if (!page.hasPrevious && !page.hasNext) return null;
  return (
    <nav className="pager" aria-label={`Pages of ${what}`}>
      <span className="hint" aria-live="polite">
        Showing {page.first}–{page.last} of {page.total} {what} (page {number} of {pages})
      </span>
      <button type="button" disabled={!page.hasPrevious} onClick={() => onOffset(offsetOf(offset, limit, 'previous'))}>
        Previous page
      </button>
      <button type="button" disabled={!page.hasNext} onClick={() => onOffset(offsetOf(offset, limit, 'next'))}>
        Next page
      </button>
    </nav>
  );
}
