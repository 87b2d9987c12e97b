import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { PIDSL_PATTERN } from '@rosterlink/contracts/browser';
import { apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, useToken } from '@rosterlink/ui';
import { InlineConfirm, useConfirmStep } from '../confirm';
import type { AccessAuditEntry, ServiceLocationUser, Page, LocationPrimaryUser } from '../types';

/** What access-service takes as a user id (grant.rules.ts): 1 to 128 letters, digits or . _ @ : | + - */
const USER_ID_PATTERN = /^[\w.@:|+-]{1,128}$/;

const ACTION_WORDS: Record<AccessAuditEntry['action'], string> = {
  GRANTED: 'Access granted',
  REVOKED: 'Access revoked',
  PRIMARY_NAMED: 'Named Primary User',
  PRIMARY_REMOVED: 'No longer Primary User',
};

/** A user's standing on a PID/SL in words. */
export function standingText({ granted, primary }: { granted: boolean; primary: boolean }): string {
  if (primary) return 'Primary User';
  return granted ? 'access' : 'no access';
}

/**
 * Access to a PID/SL (`#/access/{pidsl}`): its Primary User, the users with access and the access
 * audit (access-service, through the dashboard's proxy), and naming a Primary User by user ID.
 */
export function AccessView({ pidsl }: { pidsl?: string }) {
  const [typed, setTyped] = useState(pidsl ?? '');
  const [invalid, setInvalid] = useState(false);
  const routeValid = !!pidsl && PIDSL_PATTERN.test(pidsl);

  const lookUp = (e: FormEvent) => {
    e.preventDefault();
    const wanted = typed.trim().toUpperCase();
    if (!PIDSL_PATTERN.test(wanted)) return setInvalid(true);
    setTyped(wanted);
    window.location.hash = href('access', wanted);
  };

  return (
    <section aria-labelledby="access-title">
      <h1 id="access-title">Access to a service location</h1>
      <form className="filters" onSubmit={lookUp} noValidate>
        <label htmlFor="access-pidsl">PID/SL</label>
        <input
          id="access-pidsl"
          value={typed}
          maxLength={10}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={invalid}
          aria-describedby={invalid ? 'access-pidsl-hint access-pidsl-error' : 'access-pidsl-hint'}
          onChange={(e) => {
            setTyped(e.target.value);
            setInvalid(false);
          }}
        />
        <button type="submit">Look up</button>
        <span id="access-pidsl-hint" className="hint">
          9-digit provider ID and a service-location letter, e.g. 110000001A
        </span>
      </form>
      {invalid && (
        <p id="access-pidsl-error" className="field-error" role="alert">
          Enter a PID/SL: 9 digits and a service-location letter, e.g. 110000001A.
        </p>
      )}
      {pidsl && !routeValid && !invalid && (
        <p className="field-error" role="alert">
          “{pidsl}” is not a PID/SL: enter 9 digits and a service-location letter, e.g. 110000001A.
        </p>
      )}
      {routeValid && <LocationAccess key={pidsl} pidsl={pidsl} />}
    </section>
  );
}

function LocationAccess({ pidsl }: { pidsl: string }) {
  const token = useToken();
  const base = `/access/service-locations/${pidsl}`;
  const primary = useQuery({
    queryKey: ['access', pidsl, 'primary-user'],
    queryFn: () => apiJson<LocationPrimaryUser>(token, `${base}/primary-user`),
    retry: false,
  });
  // The users and the audit only once the PID/SL is known to exist: an unknown one is said once.
  const users = useQuery({
    queryKey: ['access', pidsl, 'users'],
    queryFn: () => apiJson<Page<ServiceLocationUser>>(token, `${base}/users?limit=1000`),
    enabled: primary.isSuccess,
  });
  const audit = useQuery({
    queryKey: ['access', pidsl, 'audit'],
    queryFn: () => apiJson<Page<AccessAuditEntry>>(token, `${base}/access-audit?limit=100`),
    enabled: primary.isSuccess,
  });

  if (primary.isPending) return <Loading what={`the Primary User of ${pidsl}`} />;
  if (primary.isError) return <ErrorState error={primary.error} onRetry={() => primary.refetch()} />;
  const current = primary.data.primaryUser;
  const userItems = users.data?.items ?? [];
  const auditItems = audit.data?.items ?? [];

  return (
    <>
      <div className="panel" aria-live="polite">
        <h2>Primary User of {pidsl}</h2>
        <p>
          {current ? (
            <>
              <strong>{current.name}</strong> (user ID {current.userId}) manages who has access to {pidsl} in the provider portal.
            </>
          ) : (
            `${pidsl} has no Primary User: nobody can grant access to it in the provider portal until one is named.`
          )}
        </p>
        <NamePrimaryUser pidsl={pidsl} current={current} users={userItems} />
      </div>

      <h2 id="access-users-title">Users with access</h2>
      {users.isPending && <Loading what="the users" />}
      {users.isError && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.isSuccess && userItems.length === 0 && <Empty>Nobody has access to {pidsl}.</Empty>}
      {userItems.length > 0 && (
        <table className="data" aria-labelledby="access-users-title">
          <ColumnHeaders columns={['Name', 'User ID', 'E-mail', 'Role', 'Granted', 'Granted by']} />
          <tbody>
            {userItems.map((u) => (
              <tr key={u.userId}>
                <td>{u.name}</td>
                <td>{u.userId}</td>
                <td>{u.email ?? '—'}</td>
                <td>{u.primary ? 'Primary User' : 'Access'}</td>
                <td>{formatDateTime(u.grantedAt)}</td>
                <td>{u.grantedBy}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}

      <h2 id="access-audit-title">Access audit, newest first</h2>
      {audit.isPending && <Loading what="the access audit" />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.isSuccess && auditItems.length === 0 && <Empty>No access changes recorded for {pidsl}.</Empty>}
      {auditItems.length > 0 && (
        <table className="data" aria-labelledby="access-audit-title">
          <ColumnHeaders columns={['When', 'By', 'What', 'User', 'Change']} />
          <tbody>
            {auditItems.map((a, i) => (
              <tr key={i}>
                <td>{formatDateTime(a.at)}</td>
                <td>{a.by}</td>
                <td>{ACTION_WORDS[a.action] ?? a.action}</td>
                <td>{a.userId}</td>
                <td>
                  {standingText(a.before)} → {standingText(a.after)}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NamePrimaryUser({ pidsl, current, users }: { pidsl: string; current: LocationPrimaryUser['primaryUser']; users: ServiceLocationUser[] }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const confirm = useConfirmStep();
  const [userId, setUserId] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const name = useMutation({
    mutationFn: (id: string) =>
      apiJson<LocationPrimaryUser>(token, `/access/service-locations/${pidsl}/primary-user`, { method: 'PUT', body: JSON.stringify({ userId: id }) }),
    onSuccess: async (answer) => {
      const named = answer.primaryUser;
      setDone(named ? `${named.name} (user ID ${named.userId}) is now the Primary User of ${pidsl}.` : `${pidsl} has no Primary User.`);
      setUserId('');
      confirm.cancel();
      await queryClient.invalidateQueries({ queryKey: ['access', pidsl] });
    },
  });
  const wanted = userId.trim();
  const known = users.find((u) => u.userId === wanted);

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    if (!USER_ID_PATTERN.test(wanted)) return setProblem('Enter a user ID: 1 to 128 letters, digits or . _ @ : | + -');
    if (current?.userId === wanted) return setProblem(`${current.name} (user ID ${wanted}) is already the Primary User of ${pidsl}.`);
    name.reset();
    confirm.start();
  };

  return (
    <>
      <form onSubmit={submit} noValidate>
        <label htmlFor="primary-user-id">Name a Primary User: user ID</label>
        <input
          id="primary-user-id"
          value={userId}
          maxLength={128}
          autoComplete="off"
          spellCheck={false}
          readOnly={confirm.open}
          aria-invalid={!!problem}
          aria-describedby={problem ? 'primary-user-id-hint primary-user-id-error' : 'primary-user-id-hint'}
          onChange={(e) => {
            setUserId(e.target.value);
            setProblem(null);
          }}
        />
        <p id="primary-user-id-hint" className="hint">
          The user’s ID at the identity provider (their token’s subject), e.g. provider-110000001A. Anyone may be named; they get access if they had none.
        </p>
        {problem && (
          <p id="primary-user-id-error" className="field-error" role="alert">
            {problem}
          </p>
        )}
        {!confirm.open && (
          <div className="actions">
            <button type="submit" ref={confirm.opener}>
              Name Primary User…
            </button>
          </div>
        )}
      </form>
      {name.isError && <ErrorState error={name.error} />}
      {confirm.open && (
        <InlineConfirm
          id="primary-confirm"
          title={`Name ${known ? known.name : wanted} the Primary User of ${pidsl}?`}
          confirmLabel="Yes, name Primary User"
          pendingLabel="Naming…"
          pending={name.isPending}
          onConfirm={() => name.mutate(wanted)}
          onCancel={() => {
            name.reset();
            confirm.cancel();
          }}
        >
          {`This makes ${known ? `${known.name} (user ID ${wanted})` : `user ID ${wanted}`} the Primary User of ${pidsl}`}
          {current ? `, in place of ${current.name} (user ID ${current.userId}), who keeps their access` : ''}
          {'. '}
          {known ? '' : 'They have no access to it yet: this grants it. '}
          The Primary User manages who has access to {pidsl} in the provider portal; the change is recorded in the access audit.
        </InlineConfirm>
      )}
      {done && (
        <p className="state" role="status">
          {done}
        </p>
      )}
    </>
  );
}
