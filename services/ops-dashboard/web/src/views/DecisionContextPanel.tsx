import { useQuery } from '@tanstack/react-query';
import { pidOf } from '@rosterlink/contracts/browser';
import { apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, Page, Practitioner, useToken } from '@rosterlink/ui';
import { QueryKeys } from '../logic/live-invalidation';
import type { DecisionContext } from '../types';

/** The provider record's fields the panel names itself; anything else the projection holds is listed after them. */
const KNOWN_PROVIDER_FIELDS = new Set(['providerId', 'npi', 'firstName', 'lastName', 'providerType', 'linkable', 'notLinkableReason']);

/** `credentialedOn` → "Credentialed on". */
export function fieldLabel(key: string): string {
  const words = key.replace(/([a-z0-9])([A-Z])/g, '$1 $2').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** A provider-record value in words; null when it is not a plain value worth showing. */
export function fieldText(value: unknown): string | null {
  if (value === null || value === undefined || value === '') return '—';
  if (typeof value === 'boolean') return value ? 'Yes' : 'No';
  if (typeof value === 'string' || typeof value === 'number') return String(value);
  if (Array.isArray(value) && value.every((v) => typeof v === 'string' || typeof v === 'number')) return value.join(', ') || '—';
  return null;
}

/**
 * What the analyst checks before deciding (link-request-service `GET /link-requests/{id}/context`): the
 * provider's record, their links at every location of the group, their other open requests; and what the
 * group's rosters say of that NPI (import-service `GET /groups/{groupId}/practitioners`).
 */
export function DecisionContextPanel({ requestId, pidsl, npi }: { requestId: string; pidsl: string; npi: string }) {
  const token = useToken();
  const context = useQuery({
    queryKey: [QueryKeys.decisionContext, requestId],
    queryFn: () => apiJson<DecisionContext>(token, `/link-request/link-requests/${encodeURIComponent(requestId)}/context`),
  });
  const c = context.data;
  return (
    <section className="panel" aria-labelledby="context-title">
      <h2 id="context-title">Decision context</h2>
      {context.isPending && <Loading what="the decision context" />}
      {context.isError && <ErrorState error={context.error} onRetry={() => context.refetch()} />}
      {c && (
        <>
          <h3 id="context-provider-title">Provider record</h3>
          <dl className="facts">
            <dt>Name</dt>
            <dd>
              {c.provider.firstName} {c.provider.lastName}
            </dd>
            <dt>PID · NPI</dt>
            <dd>
              {c.provider.providerId} · {c.provider.npi}
            </dd>
            <dt>Provider type</dt>
            <dd>{c.provider.providerType}</dd>
            <dt>Linkable</dt>
            <dd>{c.provider.linkable ? 'Yes' : <strong className="text-breached">No{c.provider.notLinkableReason ? `: ${c.provider.notLinkableReason}` : ''}</strong>}</dd>
            {Object.entries(c.provider)
              .filter(([key]) => !KNOWN_PROVIDER_FIELDS.has(key))
              .flatMap(([key, value]) => {
                const text = fieldText(value);
                return text === null
                  ? []
                  : [
                      <dt key={`${key}-label`}>{fieldLabel(key)}</dt>,
                      <dd key={`${key}-value`}>{text}</dd>,
                    ];
              })}
          </dl>

          <h3 id="context-location-title">Service location</h3>
          <dl className="facts">
            <dt>PID/SL</dt>
            <dd>{c.location.pidsl}</dd>
            <dt>Group</dt>
            <dd>
              {c.location.groupName ?? 'Name unknown'} (PID {c.location.groupId})
            </dd>
            <dt>DBA</dt>
            <dd>{c.location.dbaName ?? 'Unknown'}</dd>
            <dt>Address</dt>
            <dd>{c.location.address ?? 'Unknown'}</dd>
          </dl>

          <h3 id="context-links-title">Links at this group’s locations</h3>
          {c.links.length === 0 ? (
            <Empty>
              {c.provider.firstName} {c.provider.lastName} has no servicing link at any location of group {c.location.groupId}.
            </Empty>
          ) : (
            <table className="data compact" aria-labelledby="context-links-title">
              <ColumnHeaders columns={['PID/SL', 'DBA', 'Effective', 'End', 'Source']} />
              <tbody>
                {c.links.map((l) => (
                  <tr key={`${l.pidsl}-${l.effectiveDate}`}>
                    <td>{l.pidsl}</td>
                    <td>{l.dbaName ?? '—'}</td>
                    <td>{l.effectiveDate}</td>
                    <td>{l.endDate ?? 'Open-ended'}</td>
                    <td>{l.source ?? '—'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}

          <h3 id="context-open-title">Other open requests</h3>
          {c.otherOpenRequests.length === 0 ? (
            <Empty>No other open request for this provider.</Empty>
          ) : (
            <ul className="plain" aria-labelledby="context-open-title">
              {c.otherOpenRequests.map((o) => (
                <li key={o.requestId}>
                  <a href={href('requests', o.requestId)}>
                    {o.kind === 'LINK' ? 'Link' : 'Unlink'} at {o.pidsl}
                  </a>{' '}
                  · submitted {formatDateTime(o.submittedAt)} · due {o.dueDate}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      <RosterPractitioners groupId={c?.location.groupId ?? pidOf(pidsl)} npi={npi} />
    </section>
  );
}

/** The group's roster practitioners with this NPI (each service location the rosters named them at). */
function RosterPractitioners({ groupId, npi }: { groupId: string; npi: string }) {
  const token = useToken();
  const practitioners = useQuery({
    queryKey: [QueryKeys.groupPractitioners, groupId, npi],
    queryFn: () => apiJson<Page<Practitioner>>(token, `/import/groups/${encodeURIComponent(groupId)}/practitioners?${new URLSearchParams({ search: npi, limit: '100' })}`),
  });
  // `search` is a prefix of a name or an NPI: keep the NPI itself.
  const rows = (practitioners.data?.items ?? []).filter((p) => p.npi === npi);
  return (
    <>
      <h3 id="context-roster-title">On group {groupId}’s rosters</h3>
      {practitioners.isPending && <Loading what="the group's roster practitioners" />}
      {practitioners.isError && <ErrorState error={practitioners.error} onRetry={() => practitioners.refetch()} />}
      {practitioners.isSuccess && rows.length === 0 && <Empty>No roster of group {groupId} names NPI {npi}.</Empty>}
      {rows.length > 0 && (
        <table className="data compact" aria-labelledby="context-roster-title">
          <ColumnHeaders columns={['Location', 'Name', 'Type', 'Effective', 'End', 'Status']} />
          <tbody>
            {rows.map((p) => (
              <tr key={`${p.serviceLocation}-${p.effectiveDate}`}>
                <td>
                  {groupId}
                  {p.serviceLocation}
                </td>
                <td>
                  {p.lastName}, {p.firstName}
                </td>
                <td>{p.providerType}</td>
                <td>{p.effectiveDate}</td>
                <td>{p.endDate ?? 'Open-ended'}</td>
                <td>{p.status.replace(/_/g, ' ')}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
