import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { CASE_STATUSES, type CaseStatus } from '@rosterlink/contracts/browser';
import { apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, StatusBadge, useToken } from '@rosterlink/ui';
import type { Page, RosterCase } from '../types';

export function CasesView() {
  const token = useToken();
  const [status, setStatus] = useState<CaseStatus | ''>('');
  const [group, setGroup] = useState('');
  const groupId = /^\d{9}$/.test(group) ? group : '';
  const params = new URLSearchParams({ limit: '200', ...(status ? { status } : {}), ...(groupId ? { groupId } : {}) });
  const query = useQuery({
    queryKey: ['cases', status, groupId],
    queryFn: () => apiJson<Page<RosterCase>>(token, `/import/cases?${params}`),
  });
  const cases = query.data?.items ?? [];

  return (
    <section aria-labelledby="cases-title">
      <h1 id="cases-title">Roster-import cases</h1>
      <form className="filters" role="search" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as CaseStatus | '')}>
            <option value="">Any status</option>
            {CASE_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Group (PID)
          <input
            inputMode="numeric"
            value={group}
            placeholder="9 digits, e.g. 110000001"
            aria-describedby="group-hint"
            onChange={(e) => setGroup(e.target.value.trim())}
          />
        </label>
        <span id="group-hint" className="hint">
          {group && !groupId ? 'A group PID has 9 digits; showing every group until then.' : 'Most recent first.'}
        </span>
      </form>
      {query.isPending && <Loading what="the roster-import cases" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.data && cases.length === 0 && <Empty>No case matches. Cases open when a group uploads a roster; try “Any status”.</Empty>}
      {cases.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Roster-import cases, most recent first</caption>
          <ColumnHeaders columns={['Case', 'Group', 'Import type', 'Status', { label: 'Rows', num: true }, { label: 'Errors', num: true }, 'Opened']} />
          <tbody>
            {cases.map((c) => (
              <tr key={c.caseNumber}>
                <td>
                  <a href={href('cases', c.caseNumber)}>{c.caseNumber}</a>
                </td>
                <td>{c.groupId}</td>
                <td>{c.importType === 'ADD_UPDATE' ? 'Add / update' : 'Terminate'}</td>
                <td>
                  <StatusBadge status={c.status} />
                </td>
                <td className="num">{c.counts.rows}</td>
                <td className="num">{c.counts.errors}</td>
                <td>{formatDateTime(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {query.data && query.data.total > cases.length && (
        <p className="hint">
          Showing the {cases.length} most recent of {query.data.total}; filter by status or group to narrow.
        </p>
      )}
    </section>
  );
}
