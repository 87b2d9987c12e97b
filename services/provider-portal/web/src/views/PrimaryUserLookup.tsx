import { FormEvent, useState } from 'react';
import { PIDSL_PATTERN } from '@rosterlink/contracts/browser';
import { ApiError, Loading, useAdvice, useToken } from '@rosterlink/ui';
import { fetchPrimaryUser, LocationPrimaryUser } from '../access-api';

/**
 * "If you do not see the provider location you are looking for, contact the Primary User for that PID/SL":
 * who that is (access-service `GET /service-locations/{pidsl}/primary-user`, which answers outside the
 * user's grants). `example` is a PID/SL to show the format; `then` says what to do once access is granted.
 */
export function PrimaryUserLookup({ title, example, then, level = 3 }: { title: string; example: string; then: string; level?: 2 | 3 }) {
  const token = useToken();
  const advice = useAdvice();
  const [pidsl, setPidsl] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [answer, setAnswer] = useState<LocationPrimaryUser | null>(null);
  const [busy, setBusy] = useState(false);
  const Heading = level === 2 ? 'h2' : 'h3';

  const find = async (e: FormEvent) => {
    e.preventDefault();
    const wanted = pidsl.trim().toUpperCase();
    setAnswer(null);
    if (!PIDSL_PATTERN.test(wanted)) {
      return setProblem(`Enter the PID/SL as the 9-digit Provider ID followed by the location letter, for example ${example}.`);
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
      <Heading id="primary-user-title">{title}</Heading>
      <p>If you do not see the service location you are looking for, contact the Primary User for that PID/SL: they can grant you access.</p>
      <div className="filters">
        <label htmlFor="primary-user-pidsl">
          PID/SL
          <input
            id="primary-user-pidsl"
            value={pidsl}
            onChange={(e) => setPidsl(e.target.value)}
            placeholder={example}
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
            ? `The Primary User of ${answer.pidsl} is ${answer.primaryUser.name}. Ask them to grant you access, then ${then}.`
            : `${answer.pidsl} has no Primary User yet. Call the provider help desk to have one named.`}
        </p>
      )}
    </form>
  );
}
