import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { pidOf } from '@rosterlink/contracts/browser';
import { ErrorState, href, Loading, PdfPreview, StatusBadge, useToken } from '@rosterlink/ui';
import { fetchLinkRequest, LinkRequestView } from '../link-request-api';
import { businessDateOfInstant, formatShortDate } from '../logic/dates';
import { providerNameOf, providerTypeLabel } from '../logic/linkability';
import { decisionOf, dueDateNoteOf, letterStandingOf, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '../logic/my-requests';
import { practiceNameOf } from '../logic/practices';
import { fetchLettersOfRequest } from '../notification-api';
import { usePractices } from '../practices-query';

/** One of the user's link or unlink requests (`#/requests/{requestId}`): where it stands, the decision, and its letter as a PDF. */
export function RequestView({ requestId }: { requestId: string }) {
  const token = useToken();
  const { locationNames } = usePractices();
  const request = useQuery({
    queryKey: ['link-request', requestId],
    queryFn: () => fetchLinkRequest(token, requestId),
    refetchInterval: (q) => (q.state.data?.status === 'SUBMITTED' ? 60_000 : false),
  });
  const breadcrumb = (
    <nav aria-label="Breadcrumb" className="breadcrumb">
      <a href={href()}>Home</a> › <a href={href('requests')}>My requests</a> › <span aria-current="page">Request</span>
    </nav>
  );
  if (request.isPending) {
    return (
      <>
        {breadcrumb}
        <Loading what="the request" />
      </>
    );
  }
  if (request.isError) {
    return (
      <>
        {breadcrumb}
        <h1>Request not shown</h1>
        <ErrorState error={request.error} onRetry={() => request.refetch()} />
        <p>
          Go back to <a href={href('requests')}>My requests</a> to choose one of yours.
        </p>
      </>
    );
  }
  const r = request.data;
  const decision = decisionOf(r);
  const note = dueDateNoteOf(r);
  const name = providerNameOf(r.provider);
  return (
    <section aria-labelledby="request-title">
      {breadcrumb}
      <h1 id="request-title">
        {r.kind === 'LINK' ? 'Link request' : 'Request to end a link'}: {name} at {r.pidsl}
      </h1>
      <dl className="facts panel">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={r.status} label={REQUEST_STATUS_LABELS[r.status]} />
        </dd>
        <dt>Request</dt>
        <dd>{REQUEST_KIND_LABELS[r.kind]}</dd>
        <dt>Servicing provider</dt>
        <dd>
          {name} · Provider ID {r.provider.providerId} · NPI {r.provider.npi} · {providerTypeLabel(r.provider.providerType)}
        </dd>
        <dt>Service Location</dt>
        <dd>
          {r.pidsl} · {practiceNameOf(pidOf(r.pidsl), locationNames)}
        </dd>
        {r.kind === 'LINK' ? (
          <>
            <dt>Effective Date</dt>
            <dd>{formatShortDate(r.effectiveDate)}</dd>
          </>
        ) : (
          <>
            <dt>End Date</dt>
            <dd>{formatShortDate(r.endDate)}</dd>
          </>
        )}
        <dt>Submitted</dt>
        <dd>{formatShortDate(businessDateOfInstant(r.submittedAt))}</dd>
        <dt>Due date</dt>
        <dd>
          {formatShortDate(r.dueDate)} (10 business days after submission){note ? ` · ${note}` : ''}
        </dd>
        <dt>Decision</dt>
        <dd>{decision ? `${decision.decision}${decision.decidedOn ? ` on ${formatShortDate(decision.decidedOn)}` : ''}` : 'Waiting for MassHealth'}</dd>
        {decision?.reason && (
          <>
            <dt>Reason</dt>
            <dd>{decision.reason}</dd>
          </>
        )}
      </dl>
      <LetterPanel request={r} />
      <p>
        <a href={href('requests')}>Back to My requests</a>
      </p>
    </section>
  );
}

/** The decision letter of the request: where it stands, and the PDF once it is rendered. */
function LetterPanel({ request }: { request: LinkRequestView }) {
  const token = useToken();
  const [open, setOpen] = useState(false);
  const decided = request.status !== 'SUBMITTED';
  const letters = useQuery({
    queryKey: ['letters', request.requestId],
    queryFn: () => fetchLettersOfRequest(token, request.requestId),
    enabled: decided,
    refetchInterval: (q) => (letterStandingOf(request.status, q.state.data?.items[0]).preparing ? 5_000 : false),
  });
  const letter = letters.data?.items[0];
  const standing = letterStandingOf(request.status, letter);
  return (
    <section className="panel" aria-labelledby="letter-title">
      <h2 id="letter-title">Decision letter</h2>
      {decided && letters.isPending && <Loading what="the letter" />}
      {decided && letters.isError && <ErrorState error={letters.error} onRetry={() => letters.refetch()} />}
      {(!decided || letters.data) && (
        <p role="status" aria-live="polite">
          {standing.message}
        </p>
      )}
      {letter && standing.canShow && (
        <>
          <p className="hint">Addressed to: {letter.recipient.address.split('\n').join(', ')}</p>
          <button type="button" aria-expanded={open} aria-controls="letter-preview" onClick={() => setOpen(!open)}>
            {open ? 'Hide the letter' : 'Show the letter'}
          </button>
          <div id="letter-preview">{open && <PdfPreview letterId={letter.letterId} />}</div>
        </>
      )}
    </section>
  );
}
