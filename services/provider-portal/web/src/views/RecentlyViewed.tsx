import { useQuery } from '@tanstack/react-query';
import { apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, Page, RosterCase, StatusBadge, useToken } from '@rosterlink/ui';
import { IMPORT_TYPE_LABELS } from '../logic/roster-upload-steps';
import { CASE_STATUS_LABELS } from '../logic/status-labels';

/** The practice's roster-import cases, newest first: click a Case Number to open it. */
export function RecentlyViewed({ groupId }: { groupId: string }) {
  const token = useToken();
  const cases = useQuery({
    queryKey: ['cases', groupId],
    queryFn: () => apiJson<Page<RosterCase>>(token, `/import/cases?groupId=${groupId}&limit=10`),
    // A case changes status while it is processed elsewhere (another tab, the back office).
    refetchInterval: 15_000,
  });
  return (
    <aside aria-labelledby="recent-title" className="panel recent">
      <h2 id="recent-title">Recently Viewed</h2>
      {cases.isPending && <Loading what="the recent roster imports" />}
      {cases.isError && <ErrorState error={cases.error} onRetry={() => cases.refetch()} />}
      {cases.data && cases.data.items.length === 0 && <Empty>No roster import yet. Upload a roster in the Roster Upload tab: its case shows here.</Empty>}
      {cases.data && cases.data.items.length > 0 && (
        <table className="data compact">
          <caption className="visually-hidden">Roster imports of this practice, newest first</caption>
          <ColumnHeaders columns={['Case Number', 'Roster Import', 'Status', { label: 'Opened', sort: 'descending' }]} />
          <tbody>
            {cases.data.items.map((c) => (
              <tr key={c.caseNumber}>
                <td>
                  <a href={href('practices', groupId, 'cases', c.caseNumber)}>{c.caseNumber}</a>
                </td>
                <td>{IMPORT_TYPE_LABELS[c.importType]}</td>
                <td>
                  <StatusBadge status={c.status} label={CASE_STATUS_LABELS[c.status]} />
                </td>
                <td>{formatDateTime(c.createdAt)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </aside>
  );
}
