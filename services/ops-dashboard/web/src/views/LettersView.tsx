import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Fragment, useMemo, useState } from 'react';
import { LETTER_STATUSES } from '@rosterlink/contracts/browser';
import { api, apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, Pager, PdfPreview, StatusBadge, useToken } from '@rosterlink/ui';
import { QueryKeys } from '../logic/live-invalidation';
import { DateRangeInputs, NpiFilterInput, SortSelect } from '../components';
import { PAGE_SIZE, pageParams, RecordFilters, recordFilterProblems, recordParams, SEARCH_MAX_LENGTH } from '../logic/list-queries';
import type { Letter, LetterStatus, Page, StatusSummary } from '../types';
import { useDebounced } from '../use-debounced';

const LETTERS_REFRESH_MS = 10_000;

type LetterSort = '-createdAt' | 'createdAt' | 'status';
const SORTS: { value: LetterSort; label: string }[] = [
  { value: '-createdAt', label: 'Newest first' },
  { value: 'createdAt', label: 'Oldest first' },
  { value: 'status', label: 'Status' },
];
const NO_FILTERS: RecordFilters<LetterStatus, LetterSort> = { status: '', search: '', npi: '', createdFrom: '', createdTo: '', sort: '-createdAt' };

/** Decision letters, filtered, sorted and paged by notification-service (50 a page). */
export function LettersView() {
  const token = useToken();
  const queryClient = useQueryClient();
  const [filters, setFilters] = useState(NO_FILTERS);
  const [offset, setOffset] = useState(0);
  const [previewing, setPreviewing] = useState<string | null>(null);
  const search = useDebounced(filters.search, 300);
  const problems = recordFilterProblems(filters);
  const sent = useMemo(() => recordParams({ ...filters, search }), [filters, search]);
  // A sent letter is announced (live update); a failed delivery is not an event, so the list also refreshes on a timer.
  const query = useQuery({
    queryKey: [QueryKeys.letters, 'list', sent.toString(), offset],
    queryFn: () => apiJson<Page<Letter>>(token, `/notification/letters?${pageParams(sent, offset)}`),
    refetchInterval: LETTERS_REFRESH_MS,
    placeholderData: keepPreviousData,
  });
  const summary = useQuery({
    queryKey: [QueryKeys.letterSummary],
    queryFn: () => apiJson<StatusSummary<LetterStatus>>(token, '/notification/letters/summary'),
    refetchInterval: LETTERS_REFRESH_MS,
  });
  const resend = useMutation({
    mutationFn: (letterId: string) => api(token, `/notification/letters/${letterId}/resend`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ predicate: (q) => q.queryKey[0] === QueryKeys.letters || q.queryKey[0] === QueryKeys.letterSummary }),
  });
  const letters = query.data?.items ?? [];
  const total = query.data?.total ?? 0;
  const failed = summary.data?.byStatus.FAILED;
  const change = (next: Partial<typeof filters>) => {
    setFilters((current) => ({ ...current, ...next }));
    setOffset(0);
  };

  return (
    <section aria-labelledby="letters-title">
      <h1 id="letters-title">Letters</h1>
      {failed !== undefined && <p className="summary">{failed === 0 ? 'No failed letters.' : `${failed} failed: resend them once the cause is fixed.`}</p>}
      <form className="filters" role="search" aria-label="Filter the letters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Status
          <select value={filters.status} onChange={(e) => change({ status: e.target.value as LetterStatus | '' })}>
            <option value="">Any status</option>
            {LETTER_STATUSES.map((s) => (
              <option key={s}>{s}</option>
            ))}
          </select>
        </label>
        <label>
          Recipient, letter ID or request ID
          <input type="search" value={filters.search} maxLength={SEARCH_MAX_LENGTH} onChange={(e) => change({ search: e.target.value })} />
        </label>
        <NpiFilterInput value={filters.npi} invalid={!!problems.npi} hintId="letters-npi-hint" onChange={(npi) => change({ npi })} />
        <DateRangeInputs
          labels={['Created from', 'Created to']}
          from={filters.createdFrom}
          to={filters.createdTo}
          invalid={!!problems.created}
          onChange={({ from, to }) => change({ ...(from !== undefined ? { createdFrom: from } : {}), ...(to !== undefined ? { createdTo: to } : {}) })}
        />
        <SortSelect value={filters.sort} options={SORTS} onChange={(sort) => change({ sort })} />
      </form>
      <p id="letters-npi-hint" className="hint">
        {problems.npi ?? 'The letters about this practitioner’s requests.'}
      </p>
      {problems.created && (
        <p className="field-error" role="alert">
          {problems.created} The date filter is left out until it is fixed.
        </p>
      )}
      <p className="summary" role="status" aria-live="polite">
        {query.data && `${total.toLocaleString('en-US')} ${total === 1 ? 'letter matches' : 'letters match'}.`}
      </p>
      {resend.isError && <ErrorState error={resend.error} />}
      {query.isPending && <Loading what="the letters" />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.data && letters.length === 0 && <Empty>No letter matches. A letter is created when a link request is decided.</Empty>}
      {letters.length > 0 && (
        <table className="data" aria-busy={query.isFetching || undefined}>
          <caption className="visually-hidden">Letters, sorted by {SORTS.find((s) => s.value === filters.sort)?.label.toLowerCase()}</caption>
          <ColumnHeaders columns={['Created', 'Kind', 'Location', 'Recipient', 'Practitioner', 'Status', 'Sent', 'Actions']} />
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
                  <td>{l.providerName || l.npi ? [l.providerName, l.npi && `NPI ${l.npi}`].filter(Boolean).join(' · ') : '—'}</td>
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
                    <td colSpan={8}>
                      <PdfPreview letterId={l.letterId} />
                    </td>
                  </tr>
                )}
              </Fragment>
            ))}
          </tbody>
        </table>
      )}
      {query.data && <Pager what="letters" offset={offset} limit={PAGE_SIZE} shown={letters.length} total={total} onOffset={setOffset} />}
    </section>
  );
}
