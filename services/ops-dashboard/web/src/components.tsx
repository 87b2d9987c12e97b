import type { ReactNode } from 'react';
import { advice } from './api';
import { daysLeftText, SLA_LABELS } from './logic/sla';
import type { SlaState } from './types';

export function Loading({ what }: { what: string }) {
  return (
    <p className="state" role="status" aria-live="polite">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
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

/** The SLA state by colour and by text. */
export function SlaBadge({ state, days }: { state: SlaState | null; days: number | null }) {
  if (!state) return <span className="badge">Decided</span>;
  return (
    <span className={`badge sla-${state.toLowerCase()}`}>
      <span className="badge-dot" aria-hidden="true" />
      {SLA_LABELS[state]} · {daysLeftText(days)}
    </span>
  );
}

export function StatusBadge({ status }: { status: string }) {
  return <span className={`badge status-${status.toLowerCase()}`}>{status.replace(/_/g, ' ')}</span>;
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
