import { useQuery } from '@tanstack/react-query';
import { ChangeEvent, FormEvent, useEffect, useRef, useState } from 'react';
import { ColumnHeaders, Empty, ErrorState, Loading, useToken } from '@rosterlink/ui';
import { ProviderSearchCriteria, searchProviders } from '../link-request-api';
import { linkabilityOf, providerNameOf, providerTypeLabel } from '../logic/linkability';
import { EMPTY_SEARCH, searchCriteriaProblem } from '../logic/provider-search';
import type { PanelProps } from './LinkRequestPanels';

/** Search for Existing Service Providers (step 8): the magnifying glass opens Search for Provider. */
export function SearchExistingPanel({ headingRef, dispatch }: PanelProps) {
  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        Search for Existing Service Providers
      </h3>
      <p>Select the magnifying glass to open the Search for Provider panel.</p>
      <div className="search-existing">
        <label htmlFor="existing-provider-name">Provider Name</label>
        <input id="existing-provider-name" readOnly value="" placeholder="Select the magnifying glass" aria-describedby="existing-provider-hint" />
        <button
          type="button"
          className="magnifier"
          aria-label="Search for Provider"
          title="Search for Provider"
          onClick={() => dispatch({ type: 'open-search' })}
        >
          <svg aria-hidden="true" focusable="false" width="18" height="18" viewBox="0 0 24 24">
            <circle cx="10" cy="10" r="6.5" fill="none" stroke="currentColor" strokeWidth="2.5" />
            <line x1="15" y1="15" x2="21" y2="21" stroke="currentColor" strokeWidth="2.5" strokeLinecap="round" />
          </svg>
        </button>
      </div>
      <p id="existing-provider-hint" className="hint">
        The provider you find fills in the Service Provider Detail panel.
      </p>
      <div className="actions">
        <button type="button" onClick={() => dispatch({ type: 'back' })}>
          Back to List of Servicing Providers
        </button>
      </div>
    </div>
  );
}

/** Search for Provider (steps 9–10): Provider ID, NPI or partial name; click the Provider Name to continue. */
export function ProviderSearchPanel({ headingRef, dispatch }: PanelProps) {
  const token = useToken();
  const [form, setForm] = useState<ProviderSearchCriteria>(EMPTY_SEARCH);
  const [asked, setAsked] = useState<ProviderSearchCriteria | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const results = useQuery({
    queryKey: ['provider-search', asked],
    queryFn: () => searchProviders(token, asked ?? EMPTY_SEARCH),
    enabled: asked !== null,
    retry: false,
  });
  const resultsHeading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    if (results.data) resultsHeading.current?.focus();
  }, [results.data]);

  const search = (e: FormEvent) => {
    e.preventDefault();
    const found = searchCriteriaProblem(form);
    setProblem(found);
    if (!found) setAsked({ ...form });
  };
  const field = (name: keyof ProviderSearchCriteria) => ({
    id: `search-${name}`,
    value: form[name],
    onChange: (e: ChangeEvent<HTMLInputElement>) => setForm({ ...form, [name]: e.target.value }),
    autoComplete: 'off',
    'aria-describedby': problem ? 'search-hint search-problem' : 'search-hint',
  });

  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        Search for Provider
      </h3>
      <form onSubmit={search} aria-labelledby="search-legend">
        <fieldset>
          <legend id="search-legend">Servicing provider</legend>
          <p id="search-hint" className="hint">
            Enter the servicing provider’s Provider ID or NPI and select Search. If they are not at hand, search by name: you do not have to complete
            all fields, and part of a name is enough. Incorrect spelling will affect search results.
          </p>
          <div className="filters">
            <label htmlFor="search-providerId">
              Provider ID
              <input {...field('providerId')} inputMode="numeric" maxLength={9} />
            </label>
            <label htmlFor="search-npi">
              NPI
              <input {...field('npi')} inputMode="numeric" maxLength={10} />
            </label>
            <label htmlFor="search-name">
              Provider Name
              <input {...field('name')} type="search" maxLength={100} />
            </label>
          </div>
          {problem && (
            <p id="search-problem" className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="actions">
            <button type="button" onClick={() => dispatch({ type: 'back' })}>
              Back to List of Servicing Providers
            </button>
            <button type="submit" className="primary">
              Search
            </button>
          </div>
        </fieldset>
      </form>

      {asked && results.isPending && <Loading what="the providers" />}
      {results.isError && <ErrorState error={results.error} onRetry={() => results.refetch()} />}
      {results.data && (
        <section aria-labelledby="search-results-title">
          <h4 id="search-results-title" ref={resultsHeading} tabIndex={-1}>
            Search results ({results.data.total})
          </h4>
          {results.data.items.length === 0 ? (
            <Empty>
              No provider matches. Check the spelling, type fewer letters of the name, or search by Provider ID or NPI. A provider MassHealth does not
              know yet must enroll first.
            </Empty>
          ) : (
            <>
              <p>Click the Provider Name to continue.</p>
              <table className="data">
                <caption className="visually-hidden">Providers found: click the Provider Name to continue</caption>
                <ColumnHeaders columns={['Provider Name', 'Provider ID', 'NPI', 'Provider type', 'Can be linked here']} />
                <tbody>
                  {results.data.items.map((p) => {
                    const linkability = linkabilityOf(p);
                    return (
                      <tr key={p.providerId}>
                        <td>
                          <button type="button" className="link" onClick={() => dispatch({ type: 'choose-provider', provider: p })}>
                            {providerNameOf(p)}
                          </button>
                        </td>
                        <td>{p.providerId}</td>
                        <td>{p.npi}</td>
                        <td>{providerTypeLabel(p.providerType)}</td>
                        <td>
                          {linkability.label}
                          {linkability.reason && <span className="hint"> — {linkability.reason}</span>}
                        </td>
                      </tr>
                    );
                  })}
                </tbody>
              </table>
              {results.data.total > results.data.items.length && (
                <p className="hint">
                  Showing the first {results.data.items.length} of {results.data.total}. Type more of the name, or search by Provider ID or NPI.
                </p>
              )}
            </>
          )}
        </section>
      )}
    </div>
  );
}
