import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useState } from 'react';
import { api, apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, PdfPreview, StatusBadge, useToken } from '@rosterlink/ui';
import type { Letter, LetterStatus, Page } from '../types';

const LETTER_STATUSES: LetterStatus[] = ['PENDING', 'RENDERED', 'SENT', 'FAILED'];
const LETTERS_REFRESH_MS = 10_000;

export function LettersView() {
  const token = useToken();
  const queryClient = useQueryClient();
  const [status, setStatus] = useState<LetterStatus | ''>('');
  const [previewing, setPreviewing] = useState<string | null>(null);
  // A sent letter is announced (live update); a failed delivery is not an event, so the list also refreshes on a timer.
  const query = useQuery({
    queryKey: ['letters', 'all', status],
    queryFn: () => apiJson<Page<Letter>>(token, `/notification/letters?limit=200${status ? `&status=${status}` : ''}`),
    refetchInterval: LETTERS_REFRESH_MS,
  });
  const failed = useQuery({
    queryKey: ['letters', 'all', 'FAILED', 'count'],
    queryFn: () => apiJson<Page<Letter>>(token, '/notification/letters?status=FAILED&limit=1'),
    refetchInterval: LETTERS_REFRESH_MS,
  });
  const resend = useMutation({
    mutationFn: (letterId: string) => api(token, `/notification/letters/${letterId}/resend`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['letters'] }),
  });
  const letters = query.data?.items ?? [];

  return (
    <section aria-labelledby="letters-title">
      <h1 id="letters-title">Letters</h1>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={status} onChange={(e) => setStatus(e.target.value as LetterStatus | '')}>
            <option value="">Any status</option>
            {LETTER_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        {failed.data && <span className="hint">{failed.data.total === 0 ? 'No failed letters' : `${failed.data.total} failed: resend them once the cause is fixed`}</span>}
      </form>
      {resend.isError && <ErrorState error={resend.error} />}
      {query.isPending && <Loading what="the letters" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.data && letters.length === 0 && <Empty>No letters{status ? ` with status ${status}` : ''}. A letter is created when a link request is decided.</Empty>}
      {letters.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Letters, newest first</caption>
          <ColumnHeaders columns={['Created', 'Kind', 'Location', 'Recipient', 'Status', 'Sent', 'Actions']} />
          <tbody>
            {letters.map((l) => (
              <Fragment key={l.letterId}>
                <tr>
                  <td>{formatDateTime(l.createdAt)}</td>
                  <td>
                    <a href={href('requests', l.requestId)}>{l.kind}</a>
                  </td>
                  <td>{l.pidsl}</td>
                  <td>{l.recipient.name}</td>
                  <td>
                    <StatusBadge status={l.status} />
                    {l.error && <div className="hint">{l.error}</div>}
                  </td>
                  <td>{formatDateTime(l.sentAt)}</td>
                  <td className="actions">
                    {l.status !== 'PENDING' && (
                      <button type="button" aria-expanded={previewing === l.letterId} onClick={() => setPreviewing(previewing === l.letterId ? null : l.letterId)}>
                        {previewing === l.letterId ? 'Hide' : 'Preview'}
                      </button>
                    )}
                    {l.status === 'FAILED' && (
                      <button type="button" className="primary" disabled={resend.isPending} onClick={() => resend.mutate(l.letterId)}>
                        Resend
                      </button>
                    )}
                  </td>
                </tr>
                {previewing === l.letterId && (
                  <tr>
                    <td colSpan={7}>
                      <PdfPreview letterId={l.letterId} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
