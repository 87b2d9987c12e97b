import { useQuery } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { useAdvice } from './advice';
import { ApiError, apiJson } from './api';
import { ErrorState, Loading } from './components';
import type { SessionUser } from './service-views';
import { useSession } from './session';

interface DemoUser {
  sub: string;
  name: string;
  roles: string[];
  description: string;
}

/**
 * Local sign-in: pick a demo user. Where the server has no local sign-in (production), users
 * come back from the organisation's identity provider instead (see the README).
 */
export function SignIn({ title }: { title: string }) {
  const { signIn } = useSession();
  const advice = useAdvice();
  const [chosen, setChosen] = useState('');
  const [error, setError] = useState<string | null>(null);
  const users = useQuery({ queryKey: ['dev-sign-in'], queryFn: () => apiJson<{ items: DemoUser[] }>(null, '/dev-sign-in'), retry: false });

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    if (!chosen) return setError('Pick a user to sign in as.');
    try {
      const { token } = await apiJson<{ token: string }>(null, '/dev-sign-in', { method: 'POST', body: JSON.stringify({ sub: chosen }) });
      const user = await apiJson<SessionUser>(token, '/me');
      signIn({ token, user });
    } catch (failure) {
      setError(advice(failure));
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>{title}</h1>
      {users.isPending && <Loading what="the sign-in" />}
      {users.isError &&
        (users.error instanceof ApiError && users.error.status === 404 ? (
          <p>Sign in through your organisation&apos;s identity provider; this server has no local sign-in.</p>
        ) : (
          <ErrorState error={users.error} onRetry={() => users.refetch()} />
        ))}
      {users.data && (
        <form onSubmit={submit}>
          <fieldset>
            <legend>Sign in as a demo user (local system only)</legend>
            {users.data.items.map((u) => (
              <label key={u.sub} className="choice">
                <input type="radio" name="user" value={u.sub} checked={chosen === u.sub} onChange={() => setChosen(u.sub)} />
                <span>
                  <strong>{u.name}</strong> ({u.roles.join(', ')}) — {u.description}
                </span>
              </label>
            ))}
          </fieldset>
          {error && (
            <p className="field-error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary">
            Sign in
          </button>
        </form>
      )}
    </main>
  );
}
