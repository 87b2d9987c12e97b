import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useEffect, useMemo, useState } from 'react';
import { SLA_STATES } from '@rosterlink/contracts/browser';
import { apiJson, ColumnHeaders, DownloadLink, Empty, ErrorState, formatDateTime, href, Loading, Pager, useAdvice, useSession, useToken } from '@rosterlink/ui';
import { analystsOf, assigneeFilterOf, assigneeFilterValue, assigneeText } from '../assignment';
import { DateRangeInputs, SlaBadge, SortSelect } from '../components';
import { QueryKeys } from '../logic/live-invalidation';
import { dueRangeProblem, NO_QUEUE_FILTERS, PAGE_SIZE, pageParams, pidslOf, QueueFilters, queueColumnSort, queueIsFiltered, queueParams, SEARCH_MAX_LENGTH } from '../logic/list-queries';
import { SLA_LABELS } from '../logic/sla';
import { useLinkRequestSummary } from '../summary';
import type { LinkRequestView, LinkRequestSort, Page, SlaState } from '../types';
import { useDebounced } from '../use-debounced';

const SORTS: { value: LinkRequestSort; label: string }[] = [
  { value: 'dueDate', label: 'Due date, soonest first' },
  { value: '-dueDate', label: 'Due date, latest first' },
  { value: 'submittedAt', label: 'Submitted, oldest first' },
  { value: '-submittedAt', label: 'Submitted, newest first' },
  { value: 'provider', label: 'Provider name' },
];

/**
 * The open link requests, filtered, sorted and paged by link-request-service (50 a page). The filters and
 * the page live in this view's state and make the query's key, so a live update refetches the page shown.
 */
export function QueueView() {
  const token = useToken();
  const me = useSession().session?.user.id ?? '';
  const [filters, setFilters] = useState<QueueFilters>(NO_QUEUE_FILTERS);
  const [offset, setOffset] = useState(0);
  const search = useDebounced(filters.search, 300);
  const sent = useMemo(() => queueParams({ ...filters, search }), [filters, search]);
  const query = useQuery({
    queryKey: [QueryKeys.linkRequests, 'queue', sent.toString(), offset],
    queryFn: () => apiJson<Page<LinkRequestView>>(token, `/link-request/link-requests?${pageParams(sent, offset)}`),
    placeholderData: keepPreviousData,
  });
  const requests = useMemo(() => query.data?.items ?? [], [query.data]);
  const total = query.data?.total ?? 0;
  // The analysts seen on any page so far stay offered: a filter that hides their requests does not hide them.
  const [seen, setSeen] = useState<LinkRequestView[]>([]);
  useEffect(() => {
    const known = new Set(seen.map((r) => r.assignee?.userId));
    const fresh = requests.filter((r) => r.assignee && !known.has(r.assignee.userId));
    if (fresh.length > 0) setSeen((current) => [...current, ...fresh]);
  }, [requests, seen]);
  const analysts = useMemo(() => analystsOf([...seen, ...requests], me, filters.assignee), [seen, requests, me, filters.assignee]);
  const change = (next: Partial<QueueFilters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setOffset(0);
  };
  // A page emptied meanwhile (requests decided elsewhere): go to the last page there is.
  useEffect(() => {
    if (query.data && requests.length === 0 && offset > 0 && total > 0) setOffset(Math.floor((total - 1) / PAGE_SIZE) * PAGE_SIZE);
  }, [query.data, requests.length, offset, total]);
  const dueProblem = dueRangeProblem(filters);
  const pidslTyped = filters.pidsl.trim() !== '' && !pidslOf(filters.pidsl);
  const filtered = queueIsFiltered(filters);

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Link-request queue</h1>
      <QueueSummary />
      <form className="filters" role="search" aria-label="Filter the queue" onSubmit={(e) => e.preventDefault()}>
        <label>
          SLA state
          <select value={filters.slaState} onChange={(e) => change({ slaState: e.target.value as SlaState | '' })}>
            <option value="">Any state</option>
            {SLA_STATES.map((s) => (
              <option key={s} value={s}>
                {SLA_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Location (PID/SL)
          <input
            value={filters.pidsl}
            maxLength={10}
            placeholder="e.g. 110000001A"
            autoComplete="off"
            aria-describedby="queue-pidsl-hint"
            onChange={(e) => change({ pidsl: e.target.value })}
          />
        </label>
        <label>
          Assignee
          <select value={assigneeFilterValue(filters.assignee)} onChange={(e) => change({ assignee: assigneeFilterOf(e.target.value, analysts) })}>
            <option value="all">All</option>
            <option value="mine">Mine</option>
            <option value="unassigned">Unassigned</option>
            {analysts.length > 0 && (
              <optgroup label="Assigned to">
                {analysts.map((a) => (
                  <option key={a.userId} value={assigneeFilterValue({ kind: 'analyst', ...a })}>
                    {a.name}
                  </option>
                ))}
              </optgroup>
            )}
          </select>
        </label>
        <label>
          Provider name or NPI
          <input
            type="search"
            value={filters.search}
            maxLength={SEARCH_MAX_LENGTH}
            placeholder="e.g. Souza or 1234567893"
            onChange={(e) => change({ search: e.target.value })}
          />
        </label>
        <DateRangeInputs
          labels={['Due from', 'Due to']}
          from={filters.dueFrom}
          to={filters.dueTo}
          invalid={!!dueProblem} describedBy={dueProblem ? 'queue-due-error' : undefined}
          onChange={({ from, to }) => change({ ...(from !== undefined ? { dueFrom: from } : {}), ...(to !== undefined ? { dueTo: to } : {}) })}
        />
        <SortSelect value={filters.sort} options={SORTS} onChange={(sort) => change({ sort })} />
      </form>
      <p id="queue-pidsl-hint" className="hint">
        {pidslTyped ? 'A PID/SL is 9 digits and a service-location letter; showing every location until then.' : 'Search by last or first name, “Last, First”, NPI or request ID.'}
      </p>
      {dueProblem && (
        <p id="queue-due-error" className="field-error" role="alert">
          {dueProblem} The due-date filter is left out until it is fixed.
        </p>
      )}
      <div className="section-head">
        <p className="summary" role="status" aria-live="polite">
          {query.data && `${total.toLocaleString('en-US')} open ${total === 1 ? 'request matches' : 'requests match'}${filtered ? ' these filters' : ''}.`}
        </p>
        <DownloadLink path={`/link-request/link-requests/export.csv?${sent}`} preparing="Preparing the CSV…">
          Export CSV<span className="visually-hidden"> of the open requests matching these filters</span>
        </DownloadLink>
      </div>
      {query.isPending && <Loading what="the open link requests" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.data && total === 0 && !filtered && <Empty>No open link requests. New ones appear here as groups submit them.</Empty>}
      {query.data && total === 0 && filtered && <Empty>No open request matches these filters. Clear the search, or pick “Any” and “All”.</Empty>}
      {requests.length > 0 && (
        <table className="data" aria-busy={query.isFetching || undefined}>
          <caption className="visually-hidden">Open link requests, sorted by {SORTS.find((s) => s.value === filters.sort)?.label.toLowerCase()}</caption>
          <ColumnHeaders
            columns={[
              { label: 'Provider', sort: queueColumnSort(filters.sort, 'Provider') },
              'NPI',
              'Location',
              'Group / DBA',
              'Kind',
              { label: 'Submitted', sort: queueColumnSort(filters.sort, 'Submitted') },
              { label: 'Due date', sort: queueColumnSort(filters.sort, 'Due date') },
              'SLA',
              'Assignee',
            ]}
          />
          <tbody>
            {requests.map((r) => (
              <tr key={r.requestId}>
                <td>
                  <a href={href('requests', r.requestId)}>
                    {r.provider.lastName}, {r.provider.firstName}
                  </a>
                </td>
                <td>{r.provider.npi}</td>
                <td>{r.pidsl}</td>
                <td>
                  <GroupAndDba groupName={r.groupName} dbaName={r.dbaName} />
                </td>
                <td>{r.kind === 'LINK' ? 'Link' : 'Unlink'}</td>
                <td>{formatDateTime(r.submittedAt)}</td>
                <td>{r.dueDate}</td>
                <td>
                  <SlaBadge request={r} />
                </td>
                <td className={r.assignee ? undefined : 'hint'}>{assigneeText(r.assignee, me)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.data && <Pager what="open requests" offset={offset} limit={PAGE_SIZE} shown={requests.length} total={total} onOffset={setOffset} />}
    </section>
  );
}

/** A location's group and DBA names, "unknown" where the service does not know them. */
export function GroupAndDba({ groupName, dbaName }: { groupName: string | null | undefined; dbaName: string | null | undefined }) {
  if (!groupName && !dbaName) return <span className="hint">Unknown</span>;
  return (
    <>
      {groupName ?? <span className="hint">Group unknown</span>}
      {dbaName && dbaName !== groupName && <div className="hint">DBA {dbaName}</div>}
    </>
  );
}

/** Every open request counted by link-request-service, never from the page shown. */
function QueueSummary() {
  const summary = useLinkRequestSummary();
  const advice = useAdvice();
  if (summary.isError) return <p className="summary">The counts are not available: {advice(summary.error)}</p>;
  if (!summary.data) return <p className="summary">Counting the open requests…</p>;
  const { open, bySlaState, unassigned } = summary.data;
  const n = (value: number) => value.toLocaleString('en-US');
  return (
    <p className="summary">
      {n(open)} open · <span className="text-breached">{n(bySlaState.BREACHED)} breached</span> ·{' '}
      <span className="text-warning">{n(bySlaState.WARNING)} warning</span> · {n(bySlaState.ON_TRACK)} on track · {n(unassigned)} unassigned
    </p>
  );
}
