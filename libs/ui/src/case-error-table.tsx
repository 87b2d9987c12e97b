import { useQuery } from '@tanstack/react-query';
import { useMemo, useState } from 'react';
import { apiJson } from './api';
import { ErrorSort, ErrorSortKey, sortErrors, toggleSort } from './case-errors';
import { ErrorState, Loading } from './components';
import { downloadFile } from './download';
import type { CaseError, Page } from './service-views';
import { useToken } from './session';

const ERROR_PAGE = 1000;

/**
 * Every row error of a roster-import case (row, column, message), sortable by its column headers, with
 * the whole list as a CSV download (import-service `GET /cases/{caseNumber}/errors(.csv)`).
 */
export function CaseErrorTable({ caseNumber, total }: { caseNumber: string; total: number }) {
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
      await downloadFile(token, `/import/cases/${caseNumber}/errors.csv`, `${caseNumber}-errors.csv`);
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
