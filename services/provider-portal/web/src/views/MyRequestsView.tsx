import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { LINK_REQUEST_STATUSES, LinkRequestStatus, pidOf } from '@rosterlink/contracts/browser';
import { ColumnHeaders, Empty, ErrorState, href, Loading, Pager, StatusBadge, useToken } from '@rosterlink/ui';
import { fetchLinkRequests, LinkRequestFilter } from '../link-request-api';
import { businessDateOfInstant, formatShortDate } from '../logic/dates';
import { providerNameOf } from '../logic/linkability';
import { changeDateOf, decisionOf, dueDateNoteOf, REQUEST_KIND_LABELS, REQUEST_STATUS_LABELS } from '../logic/my-requests';
import { practiceNameOf } from '../logic/practices';
import { usePractices } from '../practices-query';

const PAGE = 50;
const NO_FILTER: LinkRequestFilter = { status: '', pidsl: '' };

/**
 * My requests and letters: the link and unlink requests at the service locations granted to the user
 * (link-request-service `GET /link-requests`, which limits a provider user to their grants), soonest due
 * first, with the due date (10 business days) and, once decided, the decision; each opens with its letter.
 */
export function MyRequestsView() {
  const token = useToken();
  const { me, locationNames } = usePractices();
  const [filter, setFilter] = useState<LinkRequestFilter>(NO_FILTER);
  const [offset, setOffset] = useState(0);
  const requests = useQuery({
    queryKey: ['link-requests', filter, offset],
    queryFn: () => fetchLinkRequests(token, filter, { limit: PAGE, offset }),
    enabled: (me.data?.grants.length ?? 0) > 0,
    // MassHealth decides meanwhile.
    refetchInterval: 60_000,
  });
  const choose = (change: Partial<LinkRequestFilter>) => {
    setFilter({ ...filter, ...change });
    setOffset(0);
  };
  const filtered = filter.status !== '' || filter.pidsl !== '';
  const items = requests.data?.items ?? [];

  return (
    <section aria-labelledby="my-requests-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={href()}>Home</a> › <span aria-current="page">My requests</span>
      </nav>
      <h1 id="my-requests-title">My requests and letters</h1>
      <p>
        The link and unlink requests of the service locations you have access to, soonest due first. MassHealth decides each within 10 business days
        of its submission and sends a letter to the practice&apos;s DBA address: open a decided request to read its letter.
      </p>
      {me.isPending && <Loading what="your service locations" />}
      {me.isError && <ErrorState error={me.error} onRetry={() => me.refetch()} />}
      {me.data && me.data.grants.length === 0 && (
        <Empty>
          You do not have access to a service location yet, so there is no request to show. <a href={href()}>Go Home</a> to find whom to ask for
          access.
        </Empty>
      )}
      {me.data && me.data.grants.length > 0 && (
        <>
          <form className="filters" onSubmit={(e) => e.preventDefault()} aria-label="Filter the requests">
            <label htmlFor="requests-status">
              Status
              <select id="requests-status" value={filter.status} onChange={(e) => choose({ status: e.target.value as LinkRequestStatus | '' })}>
                <option value="">Any status</option>
                {LINK_REQUEST_STATUSES.map((s) => (
                  <option key={s} value={s}>
                    {REQUEST_STATUS_LABELS[s]}
                  </option>
                ))}
              </select>
            </label>
            <label htmlFor="requests-location">
              Service location
              <select id="requests-location" value={filter.pidsl} onChange={(e) => choose({ pidsl: e.target.value })}>
                <option value="">All your service locations</option>
                {[...me.data.grants].sort().map((pidsl) => (
                  <option key={pidsl} value={pidsl}>
                    {pidsl} · {practiceNameOf(pidOf(pidsl), locationNames)}
                  </option>
                ))}
              </select>
            </label>
          </form>
          {requests.isPending && <Loading what="your requests" />}
          {requests.isError && <ErrorState error={requests.error} onRetry={() => requests.refetch()} />}
          {requests.data && items.length === 0 && (
            <Empty>
              {filtered ? (
                <>
                  No request matches this status and location. Choose Any status and All your service locations to see every request.
                </>
              ) : (
                <>
                  No link or unlink request has been made for your service locations yet. To make one, open a practice from{' '}
                  <a href={href()}>Home</a>, then Manage Provider Information › Group Practice Info.
                </>
              )}
            </Empty>
          )}
          {items.length > 0 && (
            <table className="data my-requests">
              <caption className="visually-hidden">Your link and unlink requests, soonest due first</caption>
              <ColumnHeaders
                columns={['Provider', 'Service Location', 'Request', 'Status', 'Submitted', { label: 'Due date', sort: 'ascending' }, 'Decision', 'Letter']}
              />
              <tbody>
                {items.map((r) => {
                  const decision = decisionOf(r);
                  const note = dueDateNoteOf(r);
                  const name = providerNameOf(r.provider);
                  return (
                    <tr key={r.requestId}>
                      <td>
                        <a href={href('requests', r.requestId)}>{name}</a>
                        <div className="hint">Provider ID {r.provider.providerId}</div>
                      </td>
                      <td>
                        {r.pidsl}
                        <div className="hint">{practiceNameOf(pidOf(r.pidsl), locationNames)}</div>
                      </td>
                      <td>
                        {REQUEST_KIND_LABELS[r.kind]}
                        <div className="hint">{changeDateOf(r)}</div>
                      </td>
                      <td>
                        <StatusBadge status={r.status} label={REQUEST_STATUS_LABELS[r.status]} />
                      </td>
                      <td>{formatShortDate(businessDateOfInstant(r.submittedAt))}</td>
                      <td>
                        {formatShortDate(r.dueDate)}
                        {note && <div className="hint">{note}</div>}
                      </td>
                      <td>
                        {decision ? (
                          <>
                            {decision.decision}
                            {decision.decidedOn && ` on ${formatShortDate(decision.decidedOn)}`}
                            {decision.reason && <div className="hint">Reason: {decision.reason}</div>}
                          </>
                        ) : (
                          <span className="hint">Waiting for MassHealth</span>
                        )}
                      </td>
                      <td>
                        {decision ? (
                          <a href={href('requests', r.requestId)} aria-label={`Read the letter: ${name}`}>
                            Read the letter
                          </a>
                        ) : (
                          <span className="hint">Sent once decided</span>
                        )}
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          )}
          {requests.data && (
            <Pager what="requests" offset={offset} limit={PAGE} shown={items.length} total={requests.data.total} onOffset={setOffset} />
          )}
        </>
      )}
    </section>
  );
}
