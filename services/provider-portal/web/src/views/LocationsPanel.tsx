import { useQuery } from '@tanstack/react-query';
import { ColumnHeaders, Empty, ErrorState, Loading, useToken } from '@rosterlink/ui';
import { fetchLocations } from '../link-request-api';
import { PrimaryUserLookup } from './PrimaryUserLookup';

/**
 * Group Practice Info's List of Locations (seed 003, steps 6–7): the PID/SLs granted to the user; select
 * one for its List of Servicing Providers. A location that is not listed is asked for from its Primary User,
 * whom the lookup below names (access-service).
 */
export function LocationsPanel({ groupId, locationHref }: { groupId: string; locationHref: (pidsl: string) => string }) {
  const token = useToken();
  const locations = useQuery({
    queryKey: ['locations', groupId],
    queryFn: () => fetchLocations(token, groupId),
  });
  return (
    <section aria-labelledby="locations-title">
      <h2 id="locations-title">List of Locations</h2>
      <p>These are the service locations granted to your user ID. Select the appropriate Service Location to see its servicing providers.</p>
      {locations.isPending && <Loading what="your service locations" />}
      {locations.isError && <ErrorState error={locations.error} onRetry={() => locations.refetch()} />}
      {locations.data && locations.data.items.length === 0 && (
        <Empty>No service location of this practice is granted to you yet. Ask its Primary User for access: find them below.</Empty>
      )}
      {locations.data && locations.data.items.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Service locations granted to you</caption>
          <ColumnHeaders columns={['Service Location (PID/SL)', 'Location name', 'Provider Name (DBA)']} />
          <tbody>
            {locations.data.items.map((l) => (
              <tr key={l.pidsl}>
                <td>
                  <a href={locationHref(l.pidsl)}>{l.pidsl}</a>
                </td>
                <td>{l.locationName ?? `Location ${l.serviceLocation}`}</td>
                <td>{l.dbaName || l.groupName}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <PrimaryUserLookup title="Location not listed?" example={`${groupId}B`} then="open Group Practice Info again" />
    </section>
  );
}
