import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { api, apiJson } from '../api';
import { Empty, ErrorState, formatDateTime, Loading, StatusBadge } from '../components';
import { ErrorSort, ErrorSortKey, sortErrors, toggleSort } from '../logic/case-errors';
import { href } from '../router';
import { useToken } from '../session';
import type { CaseError, Page, RosterCase } from '../types';

const ERROR_PAGE = 1000;

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
      {c.counts.errors > 0 && <ErrorTable caseNumber={caseNumber} total={c.counts.errors} />}
      {c.status === 'COMPLETED' && c.counts.errors === 0 && <Empty>The roster was applied without errors.</Empty>}
    </section>
  );
}

function ErrorTable({ caseNumber, total }: { caseNumber: string; total: number }) {
  const token = useToken();
  const [sort, setSort] = useState<ErrorSort>({ key: 'row', descending: false });
  const [downloading, setDownloading] = useState(false);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const errors = useQuery({
    queryKey: ['case', caseNumber, 'errors'],
    queryFn: () => apiJson<Page<CaseError>>(token, `/import/cases/${caseNumber}/errors?limit=${ERROR_PAGE}`),
  });
  const rows = useMemo(() => sortErrors(errors.data?.items ?? [], sort), [errors.data, sort]);

  const downloadCsv = async () => {
    setDownloading(true);
    setDownloadError(null);
    try {
      const blob = await (await api(token, `/import/cases/${caseNumber}/errors.csv`)).blob();
      const url = URL.createObjectURL(blob);
      const link = Object.assign(document.createElement('a'), { href: url, download: `${caseNumber}-errors.csv` });
      link.click();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(false);
    }
  };

  const header = (key: ErrorSortKey, label: string) => (
    <th scope="col" aria-sort={sort.key === key ? (sort.descending ? 'descending' : 'ascending') : 'none'}>
      <button type="button" className="sort" onClick={() => setSort(toggleSort(sort, key))}>
        {label}
        <span aria-hidden="true">{sort.key === key ? (sort.descending ? ' ▼' : ' ▲') : ' ↕'}</span>
      </button>
    </th>
  );

  return (
    <>
      <div className="section-head">
        <h2>Row errors ({total})</h2>
        <button type="button" onClick={downloadCsv} disabled={downloading}>
          {downloading ? 'Preparing the CSV…' : 'Download errors as CSV'}
        </button>
      </div>
      {downloadError !== null && <ErrorState error={downloadError} />}
      {errors.isPending && <Loading what="the row errors" />}
      {errors.isError && <ErrorState error={errors.error} onRetry={() => errors.refetch()} />}
      {rows.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Row errors; the column headers sort the table</caption>
          <thead>
            <tr>
              {header('row', 'Row')}
              {header('column', 'Column')}
              {header('message', 'Message')}
            </tr>
          </thead>
          <tbody>
            {rows.map((e, i) => (
              <tr key={i}>
                <td className="num">{e.row}</td>
                <td>{e.column}</td>
                <td>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {total > ERROR_PAGE && <p className="hint">The table shows the first {ERROR_PAGE} errors; the CSV has all {total}.</p>}
    </>
  );
}
