import { businessDateOf } from '@rosterlink/contracts/browser';
import { useQuery } from '@tanstack/react-query';
import { useEffect, useState } from 'react';
import { apiJson, href, useToken } from '@rosterlink/ui';
import { bannerProblems } from './logic/operations-alerts';
import { type SlaFacts, slaWording } from './logic/sla';
import { BANNER_POLL_MS, useOperationsReport } from './operations';
import type { LinkRequest } from './types';

/** A request's SLA state by colour, and in words its due date, the business days left or overdue, and where the count starts. */
export function SlaBadge({ request }: { request: SlaFacts & Pick<LinkRequest, 'submittedAt'> }) {
  return <RequestSla request={request} />;
}

/** A day's SLA start, as link-request-service's calendar says; one question per submission date, shared by every row. */
function useSlaStart(submittedAt: string, needed: boolean): string | null {
  const token = useToken();
  const submitted = businessDateOf(new Date(submittedAt));
  const start = useQuery({
    queryKey: ['sla-start', submitted],
    queryFn: () => apiJson<{ date: string }>(token, `/link-request/business-calendar/add?date=${submitted}&businessDays=0`),
    enabled: needed,
    // A date's start moves only if a closure is added on that very day.
    staleTime: 60 * 60_000,
  });
  return start.data?.date ?? null;
}

function RequestSla({ request }: { request: SlaFacts & Pick<LinkRequest, 'submittedAt'> }) {
  const countedFrom = useSlaStart(request.submittedAt, request.status === 'SUBMITTED' && request.slaState === 'ON_TRACK');
  const { tone, label, text } = slaWording(request, { today: businessDateOf(new Date()), countedFrom });
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
