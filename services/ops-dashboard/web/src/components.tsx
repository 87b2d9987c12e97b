import { businessDateOf } from '@rosterlink/contracts/browser';
import { useEffect, useState } from 'react';
import { href } from '@rosterlink/ui';
import { bannerProblems } from './logic/operations-alerts';
import { type SlaFacts, slaWording } from './logic/sla';
import { BANNER_POLL_MS, useOperationsReport } from './operations';

/** A request's SLA state by colour, and in words its due date, the business days left or overdue, and the day the SLA counts from. */
export function SlaBadge({ request }: { request: SlaFacts }) {
  const { tone, label, text } = slaWording(request, businessDateOf(new Date()));
  return (
    <span className="sla">
      <span className={`badge sla-${tone}`}>
        <span className="badge-dot" aria-hidden="true" />
        {label}
      </span>
      <span className="visually-hidden">:</span> <span className="sla-text">{text}</span>
    </span>
  );
}

/**
 * On every page: the services that are down, not answering or far behind, each named with what it
 * means for the analyst, and the way to the Operations page. A polite status region, always in the
 * page, so that screen readers announce a problem when it appears (without cutting into what they are
 * reading), and that it is over when it is. The words hold no live numbers: a poll that finds the same
 * problems announces nothing new.
 */
export function OperationsBanner({ onOperationsPage, pollMs = BANNER_POLL_MS }: { onOperationsPage: boolean; pollMs?: number }) {
  const report = useOperationsReport(pollMs);
  // The last answer stays while the server does not answer: a failed poll is not "all clear".
  const problems = bannerProblems(report.data);
  const [hadProblems, setHadProblems] = useState(false);
  useEffect(() => {
    if (problems.length > 0) setHadProblems(true);
  }, [problems.length]);
  return (
    <div role="status" className="ops-banner-region">
      {problems.length === 0 && hadProblems && <p className="visually-hidden">The services are answering and keeping up again.</p>}
      {problems.length > 0 && (
        <div className={`ops-banner ${problems.some((p) => p.status !== 'far behind') ? 'ops-banner-down' : 'ops-banner-behind'}`}>
          {problems.map((p) => (
            <p key={p.service}>
              <strong>{p.headline}</strong>: {p.meaning}.
            </p>
          ))}
          {!onOperationsPage && (
            <p>
              <a href={href('operations')}>See each service’s health and lag on the Operations page</a>
            </p>
          )}
        </div>
      )}
    </div>
  );
}

/** The "Sort by" select of a list's filters. */
export function SortSelect<T extends string>({ value, options, onChange }: { value: T; options: readonly { value: T; label: string }[]; onChange: (sort: T) => void }) {
  return (
    <label>
      Sort by
      <select value={value} onChange={(e) => onChange(e.target.value as T)}>
        {options.map((s) => (
          <option key={s.value} value={s.value}>
            {s.label}
          </option>
        ))}
      </select>
    </label>
  );
}

/** A list's "Practitioner NPI" filter: digits only, its hint (and problem) in the element `hintId`. */
export function NpiFilterInput({ value, invalid, hintId, onChange }: { value: string; invalid: boolean; hintId: string; onChange: (npi: string) => void }) {
  return (
    <label>
      Practitioner NPI
      <input inputMode="numeric" value={value} maxLength={10} aria-invalid={invalid} aria-describedby={hintId} onChange={(e) => onChange(e.target.value.trim())} />
    </label>
  );
}

/** A from–to pair of date inputs in a list's filters, marked invalid together (from after to). */
export function DateRangeInputs({
  labels,
  from,
  to,
  invalid,
  describedBy,
  onChange,
}: {
  labels: readonly [string, string];
  from: string;
  to: string;
  invalid: boolean;
  describedBy?: string;
  onChange: (range: { from?: string; to?: string }) => void;
}) {
  return (
    <>
      <label>
        {labels[0]}
        <input type="date" value={from} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange({ from: e.target.value })} />
      </label>
      <label>
        {labels[1]}
        <input type="date" value={to} aria-invalid={invalid} aria-describedby={describedBy} onChange={(e) => onChange({ to: e.target.value })} />
      </label>
    </>
  );
}
