import { useQuery, UseQueryResult } from '@tanstack/react-query';
import { FormEvent, ReactNode, useState } from 'react';
import { apiJson, Empty, ErrorState, formatDateTime, href, Loading, StatusBadge, useToken } from '@rosterlink/ui';
import { QueryKeys } from '../logic/live-invalidation';
import { SEARCH_MAX_LENGTH, searchPaths } from '../logic/list-queries';
import type { Letter, LinkRequestView, Page, RosterCase } from '../types';

/** The search box in the header, on every page: it leads to `#/search/<what was typed>`. */
export function HeaderSearch({ current = '' }: { current?: string }) {
  const [typed, setTyped] = useState(current);
  const submit = (e: FormEvent) => {
    e.preventDefault();
    const q = typed.trim();
    if (q) window.location.hash = href('search', q);
  };
  return (
    <form className="header-search" role="search" aria-label="Everything" onSubmit={submit}>
      <label htmlFor="header-search" className="visually-hidden">
        Search link requests, cases and letters
      </label>
      <input
        id="header-search"
        type="search"
        value={typed}
        maxLength={SEARCH_MAX_LENGTH}
        placeholder="NPI, name, case number, request ID…"
        onChange={(e) => setTyped(e.target.value)}
      />
      <button type="submit">Search</button>
    </form>
  );
}

/**
 * What a search finds in each service, asked in parallel through the dashboard server with the caller's
 * token: link requests, roster-import cases, letters. Each group stands alone: a service that fails shows
 * its own error, the others their results.
 */
export function SearchView({ q }: { q: string }) {
  const token = useToken();
  const typed = q.trim();
  const paths = searchPaths(typed);
  const search = <T,>(group: string, path: string) => ({
    queryKey: [QueryKeys.search, group, typed],
    queryFn: () => apiJson<Page<T>>(token, path),
    enabled: typed !== '',
    retry: false,
  });
  const requests = useQuery(search<LinkRequestView>('link-requests', paths.requests));
  const cases = useQuery(search<RosterCase>('cases', paths.cases));
  const letters = useQuery(search<Letter>('letters', paths.letters));

  if (!typed) {
    return (
      <section aria-labelledby="search-title">
        <h1 id="search-title">Search</h1>
        <Empty>Type an NPI, a provider or recipient name, a case number, or a request or letter ID in the search box above.</Empty>
      </section>
    );
  }
  const counts = [requests, cases, letters].map((r) => (r.data ? r.data.total : null));
  const settled = [requests, cases, letters].every((r) => !r.isPending);
  return (
    <section aria-labelledby="search-title">
      <h1 id="search-title">Search results for “{typed}”</h1>
      {typed.length > SEARCH_MAX_LENGTH && <p className="hint">Only the first {SEARCH_MAX_LENGTH} characters are searched.</p>}
      <p className="summary" role="status" aria-live="polite">
        {settled &&
          `Found ${[
            ['link request', 'link requests'],
            ['case', 'cases'],
            ['letter', 'letters'],
          ]
            .map(([one, many], i) => (counts[i] === null ? `no ${many} (search failed)` : `${counts[i]} ${counts[i] === 1 ? one : many}`))
            .join(', ')}.`}
      </p>
      <ResultGroup id="search-requests" title="Link requests" query={requests} what="link requests">
        {(items) => (
          <ul className="plain">
            {items.map((r) => (
              <li key={r.requestId}>
                <a href={href('requests', r.requestId)}>
                  {r.provider.lastName}, {r.provider.firstName}
                </a>{' '}
                · NPI {r.provider.npi} · {r.kind === 'LINK' ? 'Link' : 'Unlink'} at {r.pidsl}
                {r.dbaName ? ` (${r.dbaName})` : ''} · <StatusBadge status={r.status} /> · due {r.dueDate}
              </li>
            ))}
          </ul>
        )}
      </ResultGroup>
      <ResultGroup id="search-cases" title="Roster-import cases" query={cases} what="cases">
        {(items) => (
          <ul className="plain">
            {items.map((c) => (
              <li key={c.caseNumber}>
                <a href={href('cases', c.caseNumber)}>{c.caseNumber}</a> · {c.fileName} · group {c.groupId} · <StatusBadge status={c.status} /> · opened{' '}
                {formatDateTime(c.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </ResultGroup>
      <ResultGroup id="search-letters" title="Letters" query={letters} what="letters">
        {(items) => (
          <ul className="plain">
            {items.map((l) => (
              <li key={l.letterId}>
                <a href={href('requests', l.requestId)}>
                  {l.kind} letter to {l.recipient.name}
                </a>{' '}
                · {l.pidsl}
                {l.providerName ? ` · about ${l.providerName}` : ''} · <StatusBadge status={l.status} /> · created {formatDateTime(l.createdAt)}
              </li>
            ))}
          </ul>
        )}
      </ResultGroup>
    </section>
  );
}

function ResultGroup<T>({
  id,
  title,
  what,
  query,
  children,
}: {
  id: string;
  title: string;
  what: string;
  query: UseQueryResult<Page<T>>;
  children: (items: T[]) => ReactNode;
}) {
  const items = query.data?.items ?? [];
  return (
    <section className="search-group" aria-labelledby={`${id}-title`}>
      <h2 id={`${id}-title`}>
        {title}
        {query.data ? ` (${query.data.total})` : ''}
      </h2>
      {query.isPending && <Loading what={`the ${what}`} />}
      {query.isError && <ErrorState error={query.error} onRetry={() => query.refetch()} />}
      {query.isSuccess && items.length === 0 && <Empty>No {what} found.</Empty>}
      {items.length > 0 && children(items)}
      {query.data && query.data.total > items.length && (
        <p className="hint">
          Showing the first {items.length} of {query.data.total}; search for more of the name or the exact number to narrow.
        </p>
      )}
    </section>
  );
}
