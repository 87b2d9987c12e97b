import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, useSession, useToken } from '@rosterlink/ui';
import { ALL_ASSIGNEES, analystsOf, AssigneeFilter, assigneeFilterOf, assigneeFilterValue, assigneeText, filterByAssignee } from '../assignment';
import { SlaBadge } from '../components';
import { filterQueue, QueueFilter, SLA_LABELS } from '../logic/sla';
import type { LinkRequest, Page, SlaState } from '../types';

export function QueueView() {
  const token = useToken();
  const me = useSession().session?.user.id ?? '';
  const [filter, setFilter] = useState<QueueFilter>({ slaState: '', pidsl: '', search: '' });
  const [assignee, setAssignee] = useState<AssigneeFilter>(ALL_ASSIGNEES);
  const query = useQuery({
    queryKey: ['link-requests', 'open'],
    queryFn: () => apiJson<Page<LinkRequest>>(token, '/link-request/link-requests?status=SUBMITTED&limit=1000'),
  });
  const requests = query.data?.items ?? [];
  const locations = useMemo(() => [...new Set(requests.map((r) => r.pidsl))].sort(), [requests]);
  const analysts = useMemo(() => analystsOf(requests, me, assignee), [requests, me, assignee]);
  const shown = useMemo(() => filterQueue(filterByAssignee(requests, assignee, me), filter), [requests, assignee, me, filter]);
  const count = (state: SlaState) => requests.filter((r) => r.slaState === state).length;
  const unassigned = requests.filter((r) => !r.assignee).length;

  return (
    <section aria-labelledby="queue-title">
      <h1 id="queue-title">Link-request queue</h1>
      {query.data && (
        <p className="summary">
          {query.data.total} open · <span className="text-breached">{count('BREACHED')} breached</span> ·{' '}
          <span className="text-warning">{count('WARNING')} warning</span> · {count('ON_TRACK')} on track · {unassigned} unassigned
        </p>
      )}
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          SLA state
          <select value={filter.slaState} onChange={(e) => setFilter({ ...filter, slaState: e.target.value as SlaState | '' })}>
            <option value="">Any state</option>
            {(Object.keys(SLA_LABELS) as SlaState[]).map((s) => (
              <option key={s} value={s}>
                {SLA_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label>
          Location
          <select value={filter.pidsl} onChange={(e) => setFilter({ ...filter, pidsl: e.target.value })}>
            <option value="">Any location</option>
            {locations.map((l) => (
              <option key={l}>{l}</option>
            ))}
          </select>
        </label>
        <label>
          Assignee
          <select value={assigneeFilterValue(assignee)} onChange={(e) => setAssignee(assigneeFilterOf(e.target.value, analysts))}>
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
          <input type="search" value={filter.search} placeholder="e.g. Souza or 1234567893" onChange={(e) => setFilter({ ...filter, search: e.target.value })} />
        </label>
      </form>
      {query.isPending && <Loading what="the open link requests" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.data && requests.length === 0 && <Empty>No open link requests. New ones appear here as groups submit them.</Empty>}
      {query.data && requests.length > 0 && shown.length === 0 && <Empty>No open request matches these filters. Clear the search, or pick “Any” and “All”.</Empty>}
      {shown.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Open link requests, soonest due first</caption>
          <ColumnHeaders columns={['Provider', 'NPI', 'Location', 'Kind', 'Submitted', { label: 'Due date', sort: 'ascending' }, 'SLA', 'Assignee']} />
          <tbody>
            {shown.map((r) => (
              <tr key={r.requestId}>
                <td>
                  <a href={href('requests', r.requestId)}>
                    {r.provider.lastName}, {r.provider.firstName}
                  </a>
                </td>
                <td>{r.provider.npi}</td>
                <td>{r.pidsl}</td>
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
    </section>
  );
}
