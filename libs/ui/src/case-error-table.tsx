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
 * The case's errors as files (import-service): the list as CSV, and the roster itself as Excel with each bad cell
 * highlighted and noted (what the practice corrects and uploads as the revised file). One set of labels for every app.
 */
const ERROR_DOWNLOADS = {
  csv: { label: 'Download errors as CSV', preparing: 'Preparing the CSV…' },
  xlsx: { label: 'Download errors as Excel (bad cells highlighted)', preparing: 'Preparing the Excel file…' },
} as const;
type ErrorDownload = keyof typeof ERROR_DOWNLOADS;

/**
 * Every row error of a roster-import case (row, column, message), sortable by its column headers, with
 * the whole list as a CSV download and the roster with its bad cells highlighted as an Excel download
 * (import-service `GET /cases/{caseNumber}/errors(.csv|.xlsx)`).
 */
export function CaseErrorTable({ caseNumber, total }: { caseNumber: string; total: number }) {
  const token = useToken();
  const [sort, setSort] = useState<ErrorSort>({ key: 'row', descending: false });
  const [downloading, setDownloading] = useState<ErrorDownload | null>(null);
  const [downloadError, setDownloadError] = useState<unknown>(null);
  const errors = useQuery({
    queryKey: ['case', caseNumber, 'errors'],
    queryFn: () => apiJson<Page<CaseError>>(token, `/import/cases/${caseNumber}/errors?limit=${ERROR_PAGE}`),
  });
  const rows = useMemo(() => sortErrors(errors.data?.items ?? [], sort), [errors.data, sort]);

  const download = (kind: ErrorDownload) => async () => {
    setDownloading(kind);
    setDownloadError(null);
    try {
      await downloadFile(token, `/import/cases/${caseNumber}/errors.${kind}`, `${caseNumber}-errors.${kind}`);
    } catch (error) {
      setDownloadError(error);
    } finally {
      setDownloading(null);
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
        <div className="actions">
          {(Object.keys(ERROR_DOWNLOADS) as ErrorDownload[]).map((kind) => (
            <button key={kind} type="button" onClick={download(kind)} disabled={downloading !== null}>
              {downloading === kind ? ERROR_DOWNLOADS[kind].preparing : ERROR_DOWNLOADS[kind].label}
            </button>
          ))}
        </div>
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
      {total > ERROR_PAGE && <p className="hint">The table shows the first {ERROR_PAGE} errors; the downloads have all {total}.</p>}
    </>
  );
}
