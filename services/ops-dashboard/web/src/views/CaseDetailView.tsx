import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiJson, CaseErrorTable, Empty, ErrorState, formatDateTime, href, Loading, StatusBadge, useToken } from '@rosterlink/ui';
import type { RosterCase } from '../types';

export function CaseDetailView({ caseNumber }: { caseNumber: string }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const found = useQuery({
    queryKey: ['case', caseNumber],
    queryFn: () => apiJson<RosterCase>(token, `/import/cases/${caseNumber}`),
    // While it runs, the case is polled too, so progress shows even without live updates.
    refetchInterval: (q) => (q.state.data?.status === 'PROCESSING' ? 1000 : false),
  });
  const process = useMutation({
    mutationFn: () => api(token, `/import/cases/${caseNumber}/process`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseNumber] }),
  });

  if (found.isPending) return <Loading what={`case ${caseNumber}`} />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => found.refetch()} />;
  const c = found.data;
  const running = c.status === 'PROCESSING' || process.isPending;
  return (
    <section aria-labelledby="case-title">
      <p>
        <a href={href('cases')}>← Back to the cases</a>
      </p>
      <h1 id="case-title">Case {c.caseNumber}</h1>
      <dl className="facts facts-inline">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={c.status} />
        </dd>
        <dt>Group</dt>
        <dd>{c.groupId}</dd>
        <dt>Import type</dt>
        <dd>{c.importType === 'ADD_UPDATE' ? 'Add / update' : 'Terminate'}</dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        <dt>Last change</dt>
        <dd>{formatDateTime(c.updatedAt)}</dd>
        {c.supersedesCaseNumber && (
          <>
            <dt>Replaces</dt>
            <dd>
              <a href={href('cases', c.supersedesCaseNumber)}>{c.supersedesCaseNumber}</a>
            </dd>
          </>
        )}
      </dl>
      <ul className="counts" aria-label="Counts">
        {(['rows', 'created', 'updated', 'terminated', 'errors'] as const).map((k) => (
          <li key={k}>
            <strong>{c.counts[k]}</strong> {k}
          </li>
        ))}
      </ul>
      {c.status === 'NEW' && !running && (
        <div className="panel">
          <p>This roster has not been checked yet. Processing validates every row and, if there is no error, applies it.</p>
          <button type="button" className="primary" onClick={() => process.mutate()}>
            Process Roster Import
          </button>
        </div>
      )}
      {process.isError && <ErrorState error={process.error} />}
      {running && (
        <div className="panel" role="status" aria-live="polite">
          <label htmlFor="case-progress">Processing the roster: checking every row…</label>
          <progress id="case-progress" />
        </div>
      )}
      {c.status === 'FAILED' && (
        <p className="state state-error">Processing failed after its retries. Check the import-service log; the group can upload the file again.</p>
      )}
      {c.counts.errors > 0 && <CaseErrorTable caseNumber={caseNumber} total={c.counts.errors} />}
      {c.status === 'COMPLETED' && c.counts.errors === 0 && <Empty>The roster was applied without errors.</Empty>}
    </section>
  );
}
