import { useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { Empty, ErrorState, href, Loading } from '@rosterlink/ui';
import { usePractices } from '../practices-query';
import { PrimaryUserLookup } from './PrimaryUserLookup';

/**
 * The Welcome page: the user's practices (access-service `GET /me`); select the box next to the Practice
 * Name, then Open Selected Practice. A user without access is told whom to ask: the Primary User of the PID/SL.
 */
export function WelcomeView({ name }: { name: string }) {
  const { me, practices } = usePractices();
  const queryClient = useQueryClient();
  const [selected, setSelected] = useState('');
  const [problem, setProblem] = useState<string | null>(null);

  const open = (e: FormEvent) => {
    e.preventDefault();
    if (!selected) return setProblem('Select the box next to a Practice Name first.');
    window.location.hash = href('practices', selected);
  };

  return (
    <section aria-labelledby="welcome-title">
      <h1 id="welcome-title">Welcome, {name}</h1>
      {me.isPending && <Loading what="your practices" />}
      {me.isError && <ErrorState error={me.error} onRetry={() => me.refetch()} />}
      {practices && practices.length === 0 && (
        <>
          <Empty>
            You do not have access to a practice yet. To get it, contact the Primary User of the provider ID/service location (PID/SL) you work
            for: they can grant you access. Ask your practice&apos;s Primary User to grant you access to its service locations, or find who that is
            below.
          </Empty>
          <div className="actions">
            <button
              type="button"
              disabled={me.isFetching}
              onClick={() => {
                void queryClient.invalidateQueries({ queryKey: ['service-locations'] });
                void me.refetch();
              }}
            >
              Check my access again
            </button>
          </div>
          <PrimaryUserLookup title="Find the Primary User to ask" level={2} example="110000001A" then="click Check my access again" />
        </>
      )}
      {practices && practices.length > 0 && (
        <form onSubmit={open}>
          <p>Select the box next to the Practice Name, then click Open Selected Practice.</p>
          <table className="data practices">
            <caption className="visually-hidden">Your practices</caption>
            <thead>
              <tr>
                <th scope="col">
                  <span className="visually-hidden">Select</span>
                </th>
                <th scope="col">Practice Name</th>
                <th scope="col">Provider ID (PID)</th>
                <th scope="col">Your service locations</th>
                <th scope="col">You are Primary User of</th>
              </tr>
            </thead>
            <tbody>
              {practices.map((p) => (
                <tr key={p.groupId}>
                  <td>
                    <input
                      type="radio"
                      name="practice"
                      id={`practice-${p.groupId}`}
                      value={p.groupId}
                      checked={selected === p.groupId}
                      onChange={() => (setSelected(p.groupId), setProblem(null))}
                    />
                  </td>
                  <td>
                    <label htmlFor={`practice-${p.groupId}`}>{p.name}</label>
                  </td>
                  <td>{p.groupId}</td>
                  <td>{p.serviceLocations.join(', ')}</td>
                  <td>{p.primaryFor.length > 0 ? p.primaryFor.join(', ') : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {problem && (
            <p className="field-error" role="alert">
              {problem}
            </p>
          )}
          <div className="actions">
            <button type="submit" className="primary">
              Open Selected Practice
            </button>
          </div>
        </form>
      )}
    </section>
  );
}
