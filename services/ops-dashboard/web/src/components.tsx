import { daysLeftText, SLA_LABELS } from './logic/sla';
import type { SlaState } from './types';

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
