import { useMutation, useQuery, useQueryClient, UseQueryResult } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { apiJson, ColumnHeaders, ErrorState, formatDateTime, href, Loading, PdfPreview, StatusBadge, useToken } from '@rosterlink/ui';
import { SlaBadge } from '../components';
import { InlineConfirm, useConfirmStep } from '../confirm';
import { QueryKeys } from '../logic/live-invalidation';
import type { Letter, LinkRequestDetailView, Page } from '../types';
import { DecisionContextPanel } from './DecisionContextPanel';
import { AssignmentPanel, NotesThread } from './RequestWork';

export function RequestDetailView({ requestId }: { requestId: string }) {
  const token = useToken();
  const request = useQuery({
    queryKey: ['link-request', requestId],
    queryFn: () => apiJson<LinkRequestDetailView>(token, `/link-request/link-requests/${requestId}`),
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
              <SlaBadge request={r} />
            </dd>
            <dt>Provider</dt>
            <dd>
              {r.provider.firstName} {r.provider.lastName} · PID {r.provider.providerId} · NPI {r.provider.npi} · {r.provider.providerType}
            </dd>
            <dt>Service location</dt>
            <dd>{r.pidsl}</dd>
            <dt>Group</dt>
            <dd>{r.groupName ?? 'Name unknown'}</dd>
            <dt>DBA</dt>
            <dd>{r.dbaName ?? 'Unknown'}</dd>
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
          <AssignmentPanel request={r} />
          {r.status === 'SUBMITTED' ? <DecisionForm request={r} /> : <LetterPanel query={letters} />}
        </div>
      </div>
      <DecisionContextPanel requestId={requestId} pidsl={r.pidsl} npi={r.provider.npi} />
      <NotesThread requestId={requestId} />
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

/** What approving does, in words: the link (or its end), the letter and that it cannot be undone. */
export function approvalText(request: Pick<LinkRequestDetailView, 'kind' | 'pidsl' | 'provider' | 'effectiveDate' | 'endDate'>, dbaName: string | null | undefined): string {
  const provider = `${request.provider.firstName} ${request.provider.lastName} (NPI ${request.provider.npi})`;
  const recipient = dbaName ?? `the DBA of group ${request.pidsl.slice(0, 9)}`;
  const change =
    request.kind === 'LINK'
      ? `This links ${provider} to ${request.pidsl} from ${request.effectiveDate ?? 'the requested date'}`
      : `This ends the link of ${provider} to ${request.pidsl} on ${request.endDate ?? 'the requested date'}`;
  return `${change} and sends a letter to ${recipient}; it cannot be undone.`;
}

/** What a decision changes: the request, the queue and its counts, the provider's context (links, open requests), the letters. */
const DECISION_CHANGES: string[] = [
  QueryKeys.linkRequest,
  QueryKeys.linkRequests,
  QueryKeys.linkRequestSummary,
  QueryKeys.decisionContext,
  QueryKeys.letters,
  QueryKeys.letterSummary,
];

function DecisionForm({ request }: { request: LinkRequestDetailView }) {
  const { requestId } = request;
  const token = useToken();
  const queryClient = useQueryClient();
  const approval = useConfirmStep();
  const [reason, setReason] = useState('');
  const [denying, setDenying] = useState(false);
  const [missingReason, setMissingReason] = useState(false);
  const decide = useMutation({
    mutationFn: (body: { decision: 'APPROVED' | 'DENIED'; reason?: string }) =>
      apiJson(token, `/link-request/link-requests/${requestId}/decision`, { method: 'POST', body: JSON.stringify(body) }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => DECISION_CHANGES.includes(String(q.queryKey[0])) }),
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
      {approval.open ? (
        <InlineConfirm
          id="approve-confirm"
          title="Approve this request?"
          confirmLabel="Yes, approve"
          pendingLabel="Approving…"
          pending={decide.isPending}
          onConfirm={() => decide.mutate({ decision: 'APPROVED' })}
          onCancel={() => {
            decide.reset();
            approval.cancel();
          }}
        >
          {approvalText(request, request.dbaName)}
        </InlineConfirm>
      ) : !denying ? (
        <div className="actions">
          <button type="button" className="primary" ref={approval.opener} disabled={decide.isPending} onClick={approval.start}>
            Approve
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
