import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, RefObject, useEffect, useRef, useState } from 'react';
import { ColumnHeaders, Empty, ErrorState, formatDateTime, href, Loading, Pager, useAdvice, useSession, useToken } from '@rosterlink/ui';
import {
  fetchAccessAudit,
  fetchLocationUsers,
  grantAccess,
  handOnPrimaryUser,
  revokeAccess,
  ServiceLocationUser,
} from '../access-api';
import {
  accessStateLabel,
  AUDIT_ACTION_LABELS,
  EMPTY_GRANT_FORM,
  GrantAccessForm,
  grantAccessProblems,
  grantedMessageOf,
  grantRequestOf,
  managedLocationOf,
  userLabelOf,
} from '../logic/users-and-access';

/** What the page says after the user changed their own standing at a location (handed the role on, or left it). */
interface OwnChange {
  pidsl: string;
  message: string;
}

/**
 * Users and Access (access-service, docs/contract.md "access-service"): for each service location of the
 * practice that the user is the Primary User of, who has access, Grant access, Remove access (confirmed
 * first), Make Primary User (handing the role on, confirmed first) and the audit trail. `requested` is
 * the PID/SL the route names.
 */
export function UsersAndAccessTab({ groupId, primaryFor, requested }: { groupId: string; primaryFor: string[]; requested?: string }) {
  const [ownChange, setOwnChange] = useState<OwnChange | null>(null);
  const pidsl = managedLocationOf(requested, primaryFor);
  const at = (location: string) => href('practices', groupId, 'users-and-access', location);
  return (
    <section aria-labelledby="users-access-title">
      <h2 id="users-access-title">Users and Access</h2>
      <p>
        As the Primary User of a service location (PID/SL), you decide who may act for it in this portal: grant access by user ID, remove it, or hand
        the Primary User role on to someone who already has access. Every change is recorded in the audit trail.
      </p>
      {ownChange && (
        <div className="panel notice" role="status">
          <p>{ownChange.message}</p>
        </div>
      )}
      {primaryFor.length === 0 && !ownChange && (
        <Empty>
          You are not the Primary User of any service location of this practice, so you cannot change who has access to it. Its Primary User can:
          find who that is under <a href={href('practices', groupId, 'provider-information', 'group-practice-info')}>Group Practice Info</a>.
        </Empty>
      )}
      {primaryFor.length > 0 && !pidsl && requested !== ownChange?.pidsl && (
        <Empty>
          You are not the Primary User of {requested}. Choose a service location you are Primary User of: {primaryFor.join(', ')}.
        </Empty>
      )}
      {primaryFor.length > 1 && (
        <nav aria-label="Service locations you are Primary User of" className="location-picker">
          {primaryFor.map((location) => (
            <a key={location} href={at(location)} aria-current={location === pidsl ? 'page' : undefined}>
              {location}
            </a>
          ))}
        </nav>
      )}
      {pidsl && <LocationAccess key={pidsl} pidsl={pidsl} onOwnChange={setOwnChange} />}
    </section>
  );
}

type Confirming = { action: 'revoke' | 'hand-on'; user: ServiceLocationUser };

const AUDIT_PAGE = 20;

/** One PID/SL: its users with their actions, the confirmation step, Grant access, and the audit trail. */
function LocationAccess({ pidsl, onOwnChange }: { pidsl: string; onOwnChange: (change: OwnChange) => void }) {
  const token = useToken();
  const advice = useAdvice();
  const myId = useSession().session?.user.id;
  const queryClient = useQueryClient();
  const users = useQuery({ queryKey: ['location-users', pidsl], queryFn: () => fetchLocationUsers(token, pidsl) });
  const [confirming, setConfirming] = useState<Confirming | null>(null);
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState<string | null>(null);
  const [problem, setProblem] = useState<string | null>(null);
  const usersHeading = useRef<HTMLHeadingElement>(null);
  const confirmHeading = useRef<HTMLHeadingElement>(null);

  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);

  const changed = async () => {
    await Promise.all([
      queryClient.invalidateQueries({ queryKey: ['location-users', pidsl] }),
      queryClient.invalidateQueries({ queryKey: ['access-audit', pidsl] }),
      queryClient.invalidateQueries({ queryKey: ['me'] }),
    ]);
  };

  const cancel = () => {
    setConfirming(null);
    usersHeading.current?.focus();
  };

  const confirm = async () => {
    if (!confirming) return;
    const { action, user } = confirming;
    const who = userLabelOf(user.userId, [user]);
    const own = user.userId === myId;
    setBusy(true);
    setProblem(null);
    setMessage(null);
    try {
      if (action === 'revoke') {
        await revokeAccess(token, pidsl, user.userId);
        if (own) onOwnChange({ pidsl, message: `You removed your own access to ${pidsl}. Its Primary User can grant it to you again.` });
        else setMessage(`${who} no longer has access to ${pidsl}.`);
      } else {
        await handOnPrimaryUser(token, pidsl, user.userId);
        onOwnChange({
          pidsl,
          message: `${who} is now the Primary User of ${pidsl}. You keep your access to ${pidsl}, but no longer grant or remove access to it.`,
        });
      }
      await changed();
    } catch (error) {
      setProblem(advice(error));
    } finally {
      setBusy(false);
      setConfirming(null);
      usersHeading.current?.focus();
    }
  };

  const list = users.data?.items ?? [];
  return (
    <div className="location-access">
      <h3 id="location-users-title" ref={usersHeading} tabIndex={-1}>
        Users with access to {pidsl}
      </h3>
      {users.isPending && <Loading what={`the users of ${pidsl}`} />}
      {users.isError && <ErrorState error={users.error} onRetry={() => users.refetch()} />}
      {users.data && list.length === 0 && <Empty>Nobody has access to {pidsl} yet. Grant access below.</Empty>}
      {list.length > 0 && (
        <table className="data">
          <caption className="visually-hidden">Users with access to {pidsl}, the Primary User first</caption>
          <ColumnHeaders columns={['Name', 'User ID', 'E-mail', 'Role', 'Access since', 'Granted by', 'Actions']} />
          <tbody>
            {list.map((u) => {
              const own = u.userId === myId;
              return (
                <tr key={u.userId}>
                  <td>
                    {u.name}
                    {own && <span className="hint"> (you)</span>}
                  </td>
                  <td>{u.userId}</td>
                  <td>{u.email ?? '—'}</td>
                  <td>{u.primary ? <span className="badge role-primary">Primary User</span> : 'User'}</td>
                  <td>{formatDateTime(u.grantedAt)}</td>
                  <td>{userLabelOf(u.grantedBy, list)}</td>
                  <td className="actions">
                    {!u.primary && (
                      <button
                        type="button"
                        disabled={busy}
                        aria-label={`Make Primary User: ${u.name}`}
                        onClick={() => (setConfirming({ action: 'hand-on', user: u }), setProblem(null))}
                      >
                        Make Primary User
                      </button>
                    )}
                    <button
                      type="button"
                      disabled={busy}
                      aria-label={own ? undefined : `Remove access: ${u.name}`}
                      onClick={() => (setConfirming({ action: 'revoke', user: u }), setProblem(null))}
                    >
                      {own ? 'Remove my access' : 'Remove access'}
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {users.data && users.data.total > list.length && (
        <p className="hint">
          Showing {list.length} of {users.data.total} users.
        </p>
      )}
      {message && (
        <p className="state" role="status">
          {message}
        </p>
      )}
      {problem && (
        <div className="state state-error" role="alert">
          <p>{problem}</p>
        </div>
      )}
      {confirming && (
        <ConfirmationPanel
          pidsl={pidsl}
          confirming={confirming}
          own={confirming.user.userId === myId}
          busy={busy}
          headingRef={confirmHeading}
          onConfirm={confirm}
          onCancel={cancel}
        />
      )}
      <GrantAccessPanel pidsl={pidsl} onGranted={changed} />
      <AccessAudit pidsl={pidsl} users={list} />
    </div>
  );
}

/** The step between the click and the change: what will happen, Yes or Cancel. */
function ConfirmationPanel({
  pidsl,
  confirming,
  own,
  busy,
  headingRef,
  onConfirm,
  onCancel,
}: {
  pidsl: string;
  confirming: Confirming;
  own: boolean;
  busy: boolean;
  headingRef: RefObject<HTMLHeadingElement | null>;
  onConfirm: () => void;
  onCancel: () => void;
}) {
  const who = userLabelOf(confirming.user.userId, [confirming.user]);
  const revoke = confirming.action === 'revoke';
  const title = revoke
    ? own
      ? `Remove your own access to ${pidsl}?`
      : `Remove the access of ${who} to ${pidsl}?`
    : `Make ${who} the Primary User of ${pidsl}?`;
  const explanation = revoke
    ? own
      ? `You will no longer be able to act for ${pidsl} in this portal, nor be its Primary User. If you are its only Primary User, hand the role on to another user first (Make Primary User).`
      : `${confirming.user.name} will no longer be able to act for ${pidsl} in this portal (rosters, link requests, letters) within a few seconds. You can grant access again later.`
    : `A service location has one Primary User. ${confirming.user.name} will grant and remove access to ${pidsl}; you keep your access, but will no longer be its Primary User.`;
  return (
    <section className="panel confirm" aria-labelledby="confirm-title">
      <h4 id="confirm-title" ref={headingRef} tabIndex={-1}>
        {title}
      </h4>
      <p>{explanation}</p>
      <div className="actions">
        <button type="button" className={revoke ? 'danger' : 'primary'} disabled={busy} onClick={onConfirm}>
          {revoke ? (own ? 'Yes, remove my access' : 'Yes, remove access') : 'Yes, hand the role on'}
        </button>
        <button type="button" disabled={busy} onClick={onCancel}>
          Cancel
        </button>
      </div>
      {busy && <Loading what="the change" />}
    </section>
  );
}

/** Grant access by user ID and name (the name lists a user who has not signed in yet); the e-mail is optional. */
function GrantAccessPanel({ pidsl, onGranted }: { pidsl: string; onGranted: () => Promise<void> }) {
  const token = useToken();
  const advice = useAdvice();
  const [form, setForm] = useState<GrantAccessForm>(EMPTY_GRANT_FORM);
  const [problems, setProblems] = useState<ReturnType<typeof grantAccessProblems>>({});
  const [failure, setFailure] = useState<string | null>(null);
  const [granted, setGranted] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    const found = grantAccessProblems(form);
    setProblems(found);
    setFailure(null);
    setGranted(null);
    const first = (['userId', 'name', 'email'] as const).find((field) => found[field]);
    if (first) return document.getElementById(`grant-${first}`)?.focus();
    setBusy(true);
    try {
      const answer = await grantAccess(token, pidsl, grantRequestOf(form));
      setGranted(grantedMessageOf(answer.user, pidsl, answer.created));
      setForm(EMPTY_GRANT_FORM);
      await onGranted();
    } catch (error) {
      setFailure(advice(error));
    } finally {
      setBusy(false);
    }
  };

  const field = (name: keyof GrantAccessForm, label: string, required: boolean, type = 'text') => (
    <div className="field">
      <label htmlFor={`grant-${name}`}>
        {label} {required ? <span aria-hidden="true">*</span> : <span className="hint">(optional)</span>}
      </label>
      <input
        id={`grant-${name}`}
        type={type}
        value={form[name]}
        required={required}
        autoComplete="off"
        onChange={(e) => setForm({ ...form, [name]: e.target.value })}
        aria-invalid={problems[name] ? true : undefined}
        aria-describedby={problems[name] ? `grant-${name}-problem` : undefined}
      />
      {problems[name] && (
        <span id={`grant-${name}-problem`} className="field-error">
          {problems[name]}
        </span>
      )}
    </div>
  );

  return (
    <form className="panel" aria-labelledby="grant-title" noValidate onSubmit={submit}>
      <h3 id="grant-title">Grant access to {pidsl}</h3>
      <p className="hint">
        Fields with an asterisk (*) are required. The user ID is the one the person signs in to the portal with; the name lists them until they
        sign in.
      </p>
      <div className="grant-fields">
        {field('userId', 'User ID', true)}
        {field('name', 'Name', true)}
        {field('email', 'E-mail', false, 'email')}
        <button type="submit" className="primary" disabled={busy}>
          Grant access
        </button>
      </div>
      {busy && <Loading what="the grant" />}
      {granted && (
        <p className="state" role="status">
          {granted}
        </p>
      )}
      {failure && (
        <div className="state state-error" role="alert">
          <p>Access was not granted: {failure}</p>
        </div>
      )}
    </form>
  );
}

/** The audit trail of a PID/SL, newest first: who did what to whose access, and the access before and after. */
function AccessAudit({ pidsl, users }: { pidsl: string; users: ServiceLocationUser[] }) {
  const token = useToken();
  const [offset, setOffset] = useState(0);
  const audit = useQuery({
    queryKey: ['access-audit', pidsl, offset],
    queryFn: () => fetchAccessAudit(token, pidsl, { limit: AUDIT_PAGE, offset }),
  });
  const entries = audit.data?.items ?? [];
  return (
    <section aria-labelledby="audit-title">
      <h3 id="audit-title">Access audit trail for {pidsl}</h3>
      {audit.isPending && <Loading what="the audit trail" />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.data && entries.length === 0 && <Empty>No change to the access to {pidsl} has been recorded yet.</Empty>}
      {entries.length > 0 && (
        <table className="data compact">
          <caption className="visually-hidden">Changes to the access to {pidsl}, newest first</caption>
          <ColumnHeaders columns={[{ label: 'When', sort: 'descending' }, 'By', 'What', 'User', 'Before', 'After']} />
          <tbody>
            {entries.map((entry, i) => (
              <tr key={`${entry.at}-${entry.userId}-${entry.action}-${i}`}>
                <td>{formatDateTime(entry.at)}</td>
                <td>{userLabelOf(entry.by, users)}</td>
                <td>{AUDIT_ACTION_LABELS[entry.action] ?? entry.action}</td>
                <td>{userLabelOf(entry.userId, users)}</td>
                <td>{accessStateLabel(entry.before)}</td>
                <td>{accessStateLabel(entry.after)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit.data && (
        <Pager what="audit entries" offset={offset} limit={AUDIT_PAGE} shown={entries.length} total={audit.data.total} onOffset={setOffset} />
      )}
    </section>
  );
}
