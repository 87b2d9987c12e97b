import { useQuery, useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef } from 'react';
import { ColumnHeaders, Empty, ErrorState, Loading, StatusBadge, useAdvice, useToken } from '@rosterlink/ui';
import {
  fetchLocations,
  fetchPendingLinkRequests,
  fetchServicingProviders,
  LinkRequestSubmitted,
  refusedFieldOf,
  submitLinkRequest,
  submitUnlinkRequest,
} from '../link-request-api';
import { businessToday } from '../logic/effective-date';
import { endLinkStandingOf } from '../logic/end-link';
import { initialLinkRequest, journeyPanelsOf, linkRequestReducer, LinkRequestState, panelIndexOf } from '../logic/link-request-steps';
import { providerNameOf, providerTypeLabel } from '../logic/linkability';
import { LINK_PERIOD_LABELS, linkPeriodStanding } from '../logic/servicing-providers';
import { AgreementPanel, EndDatePanel, LinkRequestConfirmation, PanelProps, ServiceProviderDetail } from './LinkRequestPanels';
import { ProviderSearchPanel, SearchExistingPanel } from './ProviderSearchPanel';

/**
 * A service location's List of Servicing Providers and the group link request made from it (seed 003,
 * steps 7–14), or the end of a current link (End link: an unlink request), one panel at a time as
 * linkRequestReducer says; each panel's heading takes the focus.
 */
export function ServicingProvidersPanel({ groupId, pidsl, locationsHref }: { groupId: string; pidsl: string; locationsHref: string }) {
  const token = useToken();
  const advice = useAdvice();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(linkRequestReducer, undefined, initialLinkRequest);
  const heading = useRef<HTMLHeadingElement>(null);
  const started = useRef(false);
  const locations = useQuery({
    queryKey: ['locations', groupId],
    queryFn: () => fetchLocations(token, groupId),
  });
  const location = locations.data?.items.find((l) => l.pidsl === pidsl);
  const dbaName = location?.dbaName || location?.groupName || '';

  useEffect(() => {
    if (started.current) heading.current?.focus();
    started.current = true;
  }, [state.step]);

  const submit = async () => {
    const event = { type: 'submit-agreement', today: businessToday() } as const;
    dispatch(event);
    // The same rules decide whether it goes: no certification, or an Effective or End Date now past, stops it.
    if (linkRequestReducer(state, event).step !== 'submitting') return;
    const { newItem, unlink } = state;
    try {
      let confirmation: LinkRequestSubmitted;
      if (unlink) {
        confirmation = await submitUnlinkRequest(token, pidsl, { servicingProviderId: unlink.link.providerId, endDate: unlink.endDate });
      } else if (newItem) {
        confirmation = await submitLinkRequest(token, pidsl, { servicingProviderId: newItem.provider.providerId, effectiveDate: newItem.effectiveDate });
      } else return;
      dispatch({ type: 'submitted', confirmation });
      for (const queryKey of [['servicing-providers', pidsl], ['pending-link-requests', pidsl], ['link-requests']]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    } catch (error) {
      dispatch({
        type: 'failed',
        message: advice(error),
        field: refusedFieldOf(error),
      });
    }
  };

  const panels = journeyPanelsOf(state);
  const current = panelIndexOf(state.step, panels);
  return (
    <section aria-labelledby="link-request-panel-title" className="link-request">
      <h2 id="link-request-panel-title" className="visually-hidden">
        Service location {pidsl}
      </h2>
      <p className="hint">
        Service Location <strong>{pidsl}</strong>
        {location?.locationName ? ` · ${location.locationName}` : ''}
        {dbaName ? ` · ${dbaName}` : ''}
      </p>
      <ol className="steps" aria-label={state.unlink ? 'End link steps' : 'Group link request steps'}>
        {panels.map((panel, i) => (
          <li key={panel.title} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : undefined}>
            <span className="visually-hidden">{i < current ? 'Done: ' : ''}</span>
            {panel.title}
          </li>
        ))}
      </ol>

      {state.step === 'servicing-providers' && (
        <ListOfServicingProviders pidsl={pidsl} state={state} headingRef={heading} locationsHref={locationsHref} dispatch={dispatch} />
      )}
      {state.step === 'search-existing' && <SearchExistingPanel headingRef={heading} dispatch={dispatch} />}
      {state.step === 'search' && <ProviderSearchPanel headingRef={heading} dispatch={dispatch} />}
      {state.step === 'detail' && state.provider && (
        <ServiceProviderDetail provider={state.provider} state={state} headingRef={heading} dispatch={dispatch} />
      )}
      {state.step === 'end-date' && state.unlink && <EndDatePanel item={state.unlink} state={state} headingRef={heading} dispatch={dispatch} />}
      {(state.step === 'agreement' || state.step === 'submitting') && (
        <AgreementPanel
          pidsl={pidsl}
          dbaName={dbaName}
          state={state}
          headingRef={heading}
          dispatch={dispatch}
          onSubmit={submit}
        />
      )}
      {state.step === 'submitted' && state.confirmation && (
        <LinkRequestConfirmation
          confirmation={state.confirmation}
          dbaName={dbaName}
          unlink={state.unlink}
          headingRef={heading}
          onDone={() => dispatch({ type: 'start-again' })}
        />
      )}
    </section>
  );
}

/**
 * The List of Servicing Providers: every provider linked here before or now (a current or later link can be
 * ended: End link), the item Update saved, New Item and Submit.
 */
function ListOfServicingProviders({
  pidsl,
  state,
  headingRef,
  locationsHref,
  dispatch,
}: PanelProps & {
  pidsl: string;
  state: LinkRequestState;
  locationsHref: string;
}) {
  const token = useToken();
  const providers = useQuery({
    queryKey: ['servicing-providers', pidsl],
    queryFn: () => fetchServicingProviders(token, pidsl),
  });
  const pending = useQuery({
    queryKey: ['pending-link-requests', pidsl],
    queryFn: () => fetchPendingLinkRequests(token, pidsl),
    retry: false,
  });
  const today = businessToday();
  return (
    <div>
      <h3 ref={headingRef} tabIndex={-1}>
        List of Servicing Providers
      </h3>
      <p>
        All servicing providers previously and currently linked to the group practice at {pidsl}. If the individual practitioner is not listed, a link
        update must be submitted: select New Item. To end a current link, select End link on its row.
      </p>
      {providers.isPending && <Loading what="the servicing providers" />}
      {providers.isError && <ErrorState error={providers.error} onRetry={() => providers.refetch()} />}
      {providers.data && providers.data.items.length === 0 && !state.newItem && (
        <Empty>No servicing provider has been linked to {pidsl} yet. To link one, select New Item.</Empty>
      )}
      {providers.data && (providers.data.items.length > 0 || state.newItem) && (
        <table className="data">
          <caption className="visually-hidden">Servicing providers of {pidsl}, previous and current</caption>
          <ColumnHeaders columns={['Provider Name', 'Provider ID', 'NPI', 'Provider type', 'Effective Date', 'End Date', 'Status', 'Actions']} />
          <tbody>
            {state.newItem && (
              <tr className="new-item">
                <td>{providerNameOf(state.newItem.provider)}</td>
                <td>{state.newItem.provider.providerId}</td>
                <td>{state.newItem.provider.npi}</td>
                <td>{providerTypeLabel(state.newItem.provider.providerType)}</td>
                <td>{state.newItem.effectiveDate}</td>
                <td>—</td>
                <td>
                  <StatusBadge status="pending" label="New item: not submitted yet" />
                </td>
                <td>—</td>
              </tr>
            )}
            {providers.data.items.map((p) => {
              const standing = linkPeriodStanding(p, today);
              const ending = endLinkStandingOf(p, today, pending.data?.items ?? []);
              return (
                <tr key={`${p.npi}-${p.effectiveDate}`}>
                  <td>{providerNameOf(p)}</td>
                  <td>{p.providerId ?? '—'}</td>
                  <td>{p.npi}</td>
                  <td>{providerTypeLabel(p.providerType)}</td>
                  <td>{p.effectiveDate}</td>
                  <td>{p.endDate ?? '—'}</td>
                  <td>
                    <StatusBadge status={standing === 'CURRENT' ? 'approved' : standing.toLowerCase()} label={LINK_PERIOD_LABELS[standing]} />
                  </td>
                  <td>
                    {ending?.endable && (
                      <button type="button" aria-label={`End link: ${providerNameOf(p)}`} onClick={() => dispatch({ type: 'end-link', link: ending.link })}>
                        End link
                      </button>
                    )}
                    {ending && !ending.endable && <span className="hint">{ending.reason}</span>}
                    {!ending && '—'}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {providers.data && providers.data.total > providers.data.items.length && (
        <p className="hint">
          Showing {providers.data.items.length} of {providers.data.total} link periods.
        </p>
      )}
      {pending.data && pending.data.items.length > 0 && (
        <>
          <h4>Requests waiting for MassHealth</h4>
          <table className="data compact">
            <caption className="visually-hidden">Link requests of {pidsl} not processed yet</caption>
            <ColumnHeaders columns={['Provider Name', 'Provider ID', 'Request', 'Effective Date', { label: 'Due by', sort: 'ascending' }]} />
            <tbody>
              {pending.data.items.map((r) => (
                <tr key={r.requestId}>
                  <td>{providerNameOf(r.provider)}</td>
                  <td>{r.provider.providerId}</td>
                  <td>{r.kind === 'LINK' ? 'Link' : 'Unlink'}</td>
                  <td>{r.effectiveDate ?? r.endDate ?? '—'}</td>
                  <td>{r.dueDate}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
      {state.problem && (
        <p className="field-error" role="alert">
          {state.problem.message}
        </p>
      )}
      <div className="actions">
        <a className="button-link" href={locationsHref}>
          Back to List of Locations
        </a>
        <button type="button" onClick={() => dispatch({ type: 'new-item' })}>
          New Item
        </button>
        <button type="button" className="primary" onClick={() => dispatch({ type: 'submit' })}>
          Submit
        </button>
      </div>
    </div>
  );
}
