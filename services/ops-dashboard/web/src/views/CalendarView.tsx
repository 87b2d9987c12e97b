import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { businessDateOf, CALENDAR_DATE_PATTERN } from '@rosterlink/contracts/browser';
import { api, apiJson, ColumnHeaders, Empty, ErrorState, formatDateTime, Loading, Pager, useSession, useToken } from '@rosterlink/ui';
import { InlineConfirm, useConfirmStep } from '../confirm';
import { CALENDAR_CHANGE_QUERIES, QueryKeys } from '../logic/live-invalidation';
import { PAGE_SIZE } from '../logic/list-queries';
import { dayText } from '../logic/sla';
import type { CalendarAuditEntry, CalendarClosure, Page } from '../types';

const CALENDAR = '/link-request/business-calendar';

/** The years the picker offers: a few either side of this one. */
export function yearsAround(year: number): number[] {
  return Array.from({ length: 7 }, (_, i) => year - 3 + i);
}

/**
 * The business calendar link-request-service counts SLAs by: a year's statutory holidays and the closures
 * an admin added, adding and removing closures (admins only: a closure moves the due dates of the open
 * requests whose SLA window it falls in), and the audit of those changes.
 */
export function CalendarView() {
  const token = useToken();
  const isAdmin = useSession().session?.user.roles.includes('admin') ?? false;
  const thisYear = Number(businessDateOf(new Date()).slice(0, 4));
  const [year, setYear] = useState(thisYear);
  const closures = useQuery({
    queryKey: [QueryKeys.closures, year],
    queryFn: () => apiJson<Page<CalendarClosure>>(token, `${CALENDAR}/closures?year=${year}`),
    placeholderData: keepPreviousData,
  });
  const items = closures.data?.items ?? [];
  const today = businessDateOf(new Date());

  return (
    <section aria-labelledby="calendar-title">
      <h1 id="calendar-title">Business calendar</h1>
      <p className="hint">
        The days state offices are closed: link-request SLAs count business days around them.{' '}
        {isAdmin ? 'Adding or removing a closure moves the due date of every open request whose SLA window it falls in.' : 'Only an admin can add or remove a closure.'}
      </p>
      <form className="filters" onSubmit={(e) => e.preventDefault()}>
        <label>
          Year
          <select value={year} onChange={(e) => setYear(Number(e.target.value))}>
            {yearsAround(thisYear).map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        </label>
      </form>
      {isAdmin && <AddClosure />}
      <h2 id="closures-title">Holidays and closures in {year}</h2>
      {closures.isPending && <Loading what={`the ${year} calendar`} />}
      {closures.isError && <ErrorState error={closures.error} onRetry={() => closures.refetch()} />}
      {closures.isSuccess && items.length === 0 && <Empty>No holiday or closure in {year}.</Empty>}
      {items.length > 0 && (
        <table className="data" aria-labelledby="closures-title" aria-busy={closures.isFetching || undefined}>
          <ColumnHeaders columns={['Date', 'Name', 'Kind', ...(isAdmin ? ['Actions'] : [])]} />
          <tbody>
            {items.map((c) => (
              <tr key={c.date}>
                <td>
                  <time dateTime={c.date}>{dayText(c.date, today)}</time>
                </td>
                <td>{c.name}</td>
                <td>
                  {c.source === 'HOLIDAY' ? (
                    'Statutory holiday'
                  ) : (
                    <>
                      Closure{c.createdBy ? ` added by ${c.createdBy}` : ''}
                      {c.createdAt ? ` on ${formatDateTime(c.createdAt)}` : ''}
                    </>
                  )}
                </td>
                {isAdmin && <td className="actions">{c.source === 'ADMIN' ? <RemoveClosure closure={c} today={today} /> : <span className="hint">Cannot be removed</span>}</td>}
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <CalendarAudit />
    </section>
  );
}

function useClosureChangesRefetch() {
  const queryClient = useQueryClient();
  return () => queryClient.invalidateQueries({ predicate: (q) => CALENDAR_CHANGE_QUERIES.includes(String(q.queryKey[0])) });
}

function AddClosure() {
  const token = useToken();
  const refetch = useClosureChangesRefetch();
  const [date, setDate] = useState('');
  const [name, setName] = useState('');
  const [problems, setProblems] = useState<{ date?: string; name?: string }>({});
  const [done, setDone] = useState<string | null>(null);
  const add = useMutation({
    mutationFn: (closure: { date: string; name: string }) => apiJson<{ date: string; name: string }>(token, `${CALENDAR}/closures`, { method: 'POST', body: JSON.stringify(closure) }),
    onSuccess: async (added) => {
      setDone(`Added the closure on ${dayText(added.date, businessDateOf(new Date()))} (${added.name}). The due dates it moves are in the audit below.`);
      setDate('');
      setName('');
      await refetch();
    },
  });

  const submit = (e: FormEvent) => {
    e.preventDefault();
    setDone(null);
    const found: typeof problems = {};
    if (!CALENDAR_DATE_PATTERN.test(date)) found.date = 'Enter the date the offices are closed.';
    if (!name.trim()) found.name = 'Enter a name for the closure, e.g. Blizzard closure.';
    else if (name.trim().length > 100) found.name = 'The name can have at most 100 characters.';
    setProblems(found);
    if (found.date || found.name) return;
    add.mutate({ date, name: name.trim() });
  };

  return (
    <form className="panel" aria-labelledby="add-closure-title" onSubmit={submit} noValidate>
      <h2 id="add-closure-title">Add a closure</h2>
      <div className="filters">
        <label>
          Date
          <input
            type="date"
            value={date}
            required
            aria-invalid={!!problems.date}
            aria-describedby={problems.date ? 'closure-date-error' : undefined}
            onChange={(e) => {
              setDate(e.target.value);
              setProblems((p) => ({ ...p, date: undefined }));
            }}
          />
        </label>
        <label>
          Name
          <input
            value={name}
            maxLength={100}
            required
            aria-invalid={!!problems.name}
            aria-describedby={problems.name ? 'closure-name-error' : undefined}
            onChange={(e) => {
              setName(e.target.value);
              setProblems((p) => ({ ...p, name: undefined }));
            }}
          />
        </label>
        <button type="submit" className="primary" disabled={add.isPending}>
          {add.isPending ? 'Adding…' : 'Add closure'}
        </button>
      </div>
      {problems.date && (
        <p id="closure-date-error" className="field-error" role="alert">
          {problems.date}
        </p>
      )}
      {problems.name && (
        <p id="closure-name-error" className="field-error" role="alert">
          {problems.name}
        </p>
      )}
      {add.isError && <ErrorState error={add.error} />}
      {done && (
        <p className="state" role="status">
          {done}
        </p>
      )}
    </form>
  );
}

function RemoveClosure({ closure, today }: { closure: CalendarClosure; today: string }) {
  const token = useToken();
  const refetch = useClosureChangesRefetch();
  const confirm = useConfirmStep();
  const remove = useMutation({
    mutationFn: () => api(token, `${CALENDAR}/closures/${closure.date}`, { method: 'DELETE' }),
    onSuccess: async () => {
      confirm.close();
      await refetch();
    },
  });
  const day = dayText(closure.date, today);
  return confirm.open ? (
    <>
      <InlineConfirm
        id={`remove-${closure.date}`}
        title={`Remove the closure on ${day}?`}
        confirmLabel="Yes, remove"
        pendingLabel="Removing…"
        pending={remove.isPending}
        onConfirm={() => remove.mutate()}
        onCancel={() => {
          remove.reset();
          confirm.cancel();
        }}
      >
        {`${day} (${closure.name}) becomes a business day again: the due dates of the open requests whose SLA window includes it move back; the change is recorded in the audit.`}
      </InlineConfirm>
      {remove.isError && <ErrorState error={remove.error} />}
    </>
  ) : (
    <button type="button" ref={confirm.opener} onClick={confirm.start}>
      Remove…<span className="visually-hidden"> the closure on {day}</span>
    </button>
  );
}

const ACTION_WORDS: Record<CalendarAuditEntry['action'], string> = { ADDED: 'Added', REMOVED: 'Removed' };

function CalendarAudit() {
  const token = useToken();
  const [offset, setOffset] = useState(0);
  const audit = useQuery({
    queryKey: [QueryKeys.calendarAudit, offset],
    queryFn: () => apiJson<Page<CalendarAuditEntry>>(token, `${CALENDAR}/audit?limit=${PAGE_SIZE}&offset=${offset}`),
    placeholderData: keepPreviousData,
  });
  const entries = audit.data?.items ?? [];
  return (
    <>
      <h2 id="calendar-audit-title">Closure changes, newest first</h2>
      {audit.isPending && <Loading what="the calendar audit" />}
      {audit.isError && <ErrorState error={audit.error} onRetry={() => audit.refetch()} />}
      {audit.isSuccess && entries.length === 0 && <Empty>No closure has been added or removed.</Empty>}
      {entries.length > 0 && (
        <table className="data" aria-labelledby="calendar-audit-title">
          <ColumnHeaders columns={['When', 'By', 'What', 'Date', 'Name', { label: 'Due dates moved', num: true }]} />
          <tbody>
            {entries.map((a, i) => (
              <tr key={`${a.at}-${i}`}>
                <td>{formatDateTime(a.at)}</td>
                <td>{a.by}</td>
                <td>{ACTION_WORDS[a.action] ?? a.action}</td>
                <td>{a.date}</td>
                <td>{a.name}</td>
                <td className="num">{a.dueDatesMoved}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {audit.data && <Pager what="closure changes" offset={offset} limit={PAGE_SIZE} shown={entries.length} total={audit.data.total} onOffset={setOffset} />}
    </>
  );
}
