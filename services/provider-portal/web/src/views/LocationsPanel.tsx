import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { PIDSL_PATTERN } from '@rosterlink/contracts/browser';
import { ApiError, ColumnHeaders, Empty, ErrorState, Loading, useAdvice, useToken } from '@rosterlink/ui';
import { fetchLocations, fetchPrimaryUser, PrimaryUserAnswer } from '../link-request-api';

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
      <PrimaryUserLookup groupId={groupId} />
    </section>
  );
}

/** "If you do not see the provider location you are looking for, contact the Primary User for that PID/SL": who that is. */
function PrimaryUserLookup({ groupId }: { groupId: string }) {
  const token = useToken();
  const advice = useAdvice();
  const [pidsl, setPidsl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<PrimaryUserAnswer | null>(null);
  const [busy, setBusy] = useState(false);

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = pidsl.trim().toUpperCase();
    setAnswer(null);
    if (!PIDSL_PATTERN.test(wanted)) {
      return setProblem(`Enter the PID/SL as the 9-digit Provider ID followed by the location letter, for example ${groupId}B.`);
    }
    setProblem(null);
    setBusy(true);
    try {
      setAnswer(await fetchPrimaryUser(token, wanted));
    } catch (error) {
      setProblem(
        error instanceof ApiError && error.status === 404
          ? `There is no service location ${wanted}. Check the Provider ID and the location letter, then find again.`
          : advice(error),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <form className="panel" onSubmit={find} aria-labelledby="primary-user-title">
      <h3 id="primary-user-title">Location not listed?</h3>
      <p>If you do not see the service location you are looking for, contact the Primary User for that PID/SL: they can grant you access.</p>
      <div className="filters">
        <label htmlFor="primary-user-pidsl">
          PID/SL
          <input
            id="primary-user-pidsl"
            value={pidsl}
            onChange={(e) => setPidsl(e.target.value)}
            placeholder={`${groupId}B`}
            maxLength={10}
            autoComplete="off"
            aria-describedby={problem ? 'primary-user-problem' : undefined}
            aria-invalid={problem ? true : undefined}
          />
        </label>
        <button type="submit" disabled={busy}>
          Find the Primary User
        </button>
      </div>
      {busy && <Loading what="the Primary User" />}
      {problem && (
        <p id="primary-user-problem" className="field-error" role="alert">
          {problem}
        </p>
      )}
      {answer && (
        <p role="status">
          {answer.primaryUser
            ? `The Primary User of ${answer.pidsl} is ${answer.primaryUser.name}. Ask them to grant you access, then open Group Practice Info again.`
            : `${answer.pidsl} has no Primary User yet. Call the provider help desk to have one named.`}
        </p>
      )}
    </form>
  );
}
