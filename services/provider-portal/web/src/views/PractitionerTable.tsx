import { useQuery } from '@tanstack/react-query';
import { apiJson, ColumnHeaders, Empty, ErrorState, Loading, Page, Practitioner, StatusBadge, useToken } from '@rosterlink/ui';
import { PRACTITIONER_STATUS_LABELS } from '../logic/status-labels';

/** The group record's practitioners, with their status (Waiting for CAQH: credentialing required; Submitted: not). */
export function PractitionerTable({ groupId }: { groupId: string }) {
  const token = useToken();
  const practitioners = useQuery({
    queryKey: ['practitioners', groupId],
    queryFn: () => apiJson<Page<Practitioner>>(token, `/import/groups/${groupId}/practitioners?limit=1000`),
  });
  if (practitioners.isPending) return <Loading what="the practitioners" />;
  if (practitioners.isError) return <ErrorState error={practitioners.error} onRetry={() => practitioners.refetch()} />;
  const { items, total } = practitioners.data;
  if (items.length === 0) return <Empty>No practitioner yet. Practitioners appear here once a roster import is processed without errors.</Empty>;
  return (
    <>
      <table className="data">
        <caption className="visually-hidden">Practitioners of the group and their status</caption>
        <ColumnHeaders columns={['Name', 'NPI', 'Provider type', 'Service Location', 'Effective Date', 'Status']} />
        <tbody>
          {items.map((p) => (
            <tr key={`${p.npi}-${p.serviceLocation}`}>
              <td>
                {p.lastName}, {p.firstName}
              </td>
              <td>{p.npi}</td>
              <td>{p.providerType.replace(/_/g, ' ').toLowerCase()}</td>
              <td>{p.serviceLocation}</td>
              <td>{p.effectiveDate}</td>
              <td>
                <StatusBadge status={p.status} label={PRACTITIONER_STATUS_LABELS[p.status]} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      {total > items.length && <p className="hint">Showing {items.length} of {total} practitioners.</p>}
    </>
  );
}
