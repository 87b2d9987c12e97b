import { FormEvent, useState } from 'react';
import { Empty, ErrorState, href, Loading } from '@rosterlink/ui';
import { usePractices } from '../practices-query';

/** The Welcome page: the user's practices; select the box next to the Practice Name, then Open Selected Practice. */
export function WelcomeView({ name }: { name: string }) {
  const { me, practices } = usePractices();
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
        <Empty>
          You do not have access to a practice yet. Ask your practice&apos;s Primary User to grant you access to its service locations, then sign
          out and sign in again.
        </Empty>
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
