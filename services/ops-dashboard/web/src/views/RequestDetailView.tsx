import { useMutation, useQuery, useQueryClient, UseQueryResult } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { apiJson, ColumnHeaders, ErrorState, formatDateTime, href, Loading, PdfPreview, StatusBadge, useToken } from '@rosterlink/ui';
import { SlaBadge } from '../components';
import type { Letter, LinkRequestDetail, Page } from '../types';

export function RequestDetailView({ requestId }: { requestId: string }) {
  const token = useToken();
  const request = useQuery({
    queryKey: ['link-request', requestId],
    queryFn: () => apiJson<LinkRequestDetail>(token, `/link-request/link-requests/${requestId}`),
  });
  const decided = request.data && request.data.status !== 'SUBMITTED';
  const letters = useQuery({
    queryKey: ['letters', 'request', requestId],
    queryFn: () => apiJson<Page<Letter>>(token, `/notification/letters?requestId=${requestId}`),
    enabled: !!decided,
    // Live updates say when the letter is sent; polling covers a dropped connection meanwhile.
    refetchInterval: (q) => (q.state.data?.items.some((l) => l.status === 'SENT' || l.status === 'FAILED') ? false : 2000),
  });

  if (request.isPending) return <Loading what="the link request" />;
  if (request.isError) return <ErrorState error={request.error} onRetry={() => request.refetch()} />;
  const r = request.data;
  return (
    <section aria-labelledby="request-title">
      <p>
        <a href={href('queue')}>← Back to the queue</a>
      </p>
      <h1 id="request-title">
        {r.kind === 'LINK' ? 'Link' : 'Unlink'} request: {r.provider.lastName}, {r.provider.firstName} at {r.pidsl}
      </h1>
      <div className="columns">
        <div>
          <h2>The request</h2>
          <dl className="facts">
            <dt>Status</dt>
            <dd>
              <StatusBadge status={r.status} />
            </dd>
            <dt>SLA</dt>
            <dd>
              <SlaBadge state={r.slaState} days={r.businessDaysRemaining} />
            </dd>
            <dt>Provider</dt>
            <dd>
              {r.provider.firstName} {r.provider.lastName} · PID {r.provider.providerId} · NPI {r.provider.npi} · {r.provider.providerType}
            </dd>
            <dt>Service location</dt>
            <dd>{r.pidsl}</dd>
            <dt>{r.kind === 'LINK' ? 'Effective date' : 'End date'}</dt>
            <dd>{(r.kind === 'LINK' ? r.effectiveDate : r.endDate) ?? '—'}</dd>
            <dt>Submitted</dt>
            <dd>{formatDateTime(r.submittedAt)}</dd>
            <dt>Due date</dt>
            <dd>{r.dueDate}</dd>
            {decided && (
              <>
                <dt>Decided</dt>
                <dd>
                  {formatDateTime(r.decidedAt)} by {r.decidedBy}
                  {r.reason ? ` — reason: ${r.reason}` : ''}
                </dd>
              </>
            )}
          </dl>
          <h2>Attestation</h2>
          <p>
            Attested by {r.attestation.attestedBy} on {formatDateTime(r.attestation.attestedAt)} (certification {r.attestation.version}).
          </p>
        </div>
        <div>
          {r.status === 'SUBMITTED' ? <DecisionForm requestId={requestId} /> : <LetterPanel query={letters} />}
        </div>
      </div>
      <h2>Audit trail</h2>
      <table className="data">
        <ColumnHeaders columns={['When', 'Who', 'What', 'Status', 'Note']} />
        <tbody>
          {r.history.map((h, i) => (
            <tr key={i}>
              <td>{formatDateTime(h.at)}</td>
              <td>{h.actor}</td>
              <td>{h.action}</td>
              <td>{h.fromStatus ? `${h.fromStatus} → ${h.toStatus}` : h.toStatus}</td>
              <td>{h.note ?? ''}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}

function DecisionForm({ requestId }: { requestId: string }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const [reason, setReason] = useState('');
  const [denying, setDenying] = useState(false);
  const [missingReason, setMissingReason] = useState(false);
  const decide = useMutation({
    mutationFn: (body: { decision: 'APPROVED' | 'DENIED'; reason?: string }) =>
      apiJson(token, `/link-request/link-requests/${requestId}/decision`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => ['link-request', 'link-requests', 'letters'].includes(String(q.queryKey[0])) }),
  });

  const submitDenial = (e: FormEvent) => {
    e.preventDefault();
    if (!reason.trim()) return setMissingReason(true);
    decide.mutate({ decision: 'DENIED', reason: reason.trim() });
  };

  return (
    <div className="panel">
      <h2>Decision</h2>
      {decide.isError && <ErrorState error={decide.error} />}
      {!denying ? (
        <div className="actions">
          <button type="button" className="primary" disabled={decide.isPending} onClick={() => decide.mutate({ decision: 'APPROVED' })}>
            {decide.isPending ? 'Approving…' : 'Approve'}
          </button>
          <button type="button" disabled={decide.isPending} onClick={() => setDenying(true)}>
            Deny…
          </button>
        </div>
      ) : (
        <form onSubmit={submitDenial} noValidate>
          <label htmlFor="deny-reason">Reason for the denial (printed on the letter)</label>
          <textarea
            id="deny-reason"
            value={reason}
            maxLength={500}
            rows={3}
            required
            aria-invalid={missingReason}
            aria-describedby={missingReason ? 'deny-reason-error' : undefined}
            onChange={(e) => {
              setReason(e.target.value);
              setMissingReason(false);
            }}
          />
          {missingReason && (
            <p id="deny-reason-error" className="field-error" role="alert">
              Enter a reason: a denial needs one.
            </p>
          )}
          <div className="actions">
            <button type="submit" className="danger" disabled={decide.isPending}>
              {decide.isPending ? 'Denying…' : 'Deny request'}
            </button>
            <button type="button" onClick={() => setDenying(false)}>
              Cancel
            </button>
          </div>
        </form>
      )}
    </div>
  );
}

function LetterPanel({ query }: { query: UseQueryResult<Page<Letter>> }) {
  const [preview, setPreview] = useState(false);
  const letter = query.data?.items[0];
  return (
    <div className="panel" aria-live="polite">
      <h2>Letter</h2>
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {!query.isError && !letter && <p className="state">The letter is being prepared; it appears here when it is created.</p>}
      {letter && (
        <>
          <p>
            Letter to {letter.recipient.name}: <StatusBadge status={letter.status} />
            {letter.sentAt ? ` on ${formatDateTime(letter.sentAt)}` : ''}
          </p>
          {letter.status !== 'PENDING' && (
            <button type="button" aria-expanded={preview} onClick={() => setPreview(!preview)}>
              {preview ? 'Hide the letter' : 'Preview the letter'}
            </button>
          )}
          {preview && <PdfPreview letterId={letter.letterId} />}
        </>
      )}
    </div>
  );
}
