import type { ReactNode } from 'react';
import { useAdvice } from './advice';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const advice = useAdvice();
  return (
    <div className="state state-error" role="alert">
      <p>{advice(error)}</p>
      {onRetry && (
        <button type="button" onClick={onRetry}>
          Retry
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state state-empty">{children}</p>;
}

/** A status by colour and by text: the code itself, or the app's words for it. */
export function StatusBadge({ status, label }: { status: string; label?: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{label ?? status.replace(/_/g, ' ')}</span>;
}

export function formatDateTime(instant: string | null): string {
  if (!instant) return '—';
  return new Intl.DateTimeFormat('en-US', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'America/New_York' }).format(new Date(instant));
}

export interface Column {
  label: string;
  /** Right-aligned, for numbers. */
  num?: boolean;
  /** The order the rows are in, when it is by this column. */
  sort?: 'ascending' | 'descending';
}

/** A table's header row; a plain string is a column with nothing special. */
export function ColumnHeaders({ columns }: { columns: (string | Column)[] }) {
  return (
    <thead>
      <tr>
        {columns.map((c) => {
          const column = typeof c === 'string' ? { label: c } : c;
          return (
            <th key={column.label} scope="col" className={column.num ? 'num' : undefined} aria-sort={column.sort}>
              {column.label}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

/** The first focusable element: moves the focus to the page's main content (`<main id="main" tabIndex={-1}>`). */
export function SkipLink() {
  return (
    <a className="skip" href="#main" onClick={(e) => (e.preventDefault(), document.getElementById('main')?.focus())}>
      Skip to content
    </a>
  );
}
