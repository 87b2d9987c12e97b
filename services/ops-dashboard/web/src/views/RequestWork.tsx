import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { FormEvent, useState } from 'react';
import { LINK_REQUEST_NOTE_MAX_LENGTH } from '@rosterlink/contracts/browser';
import { api, apiJson, Empty, ErrorState, formatDateTime, Loading, useSession, useToken } from '@rosterlink/ui';
import { assigneeText } from '../assignment';
import type { LinkRequestDetailView, LinkRequestNoteView, Page } from '../types';

/**
 * The back office's own work on a link request: whom it is assigned to ("Assign to me",
 * "Unassign"), and the thread of internal notes. Each action refetches what it changed (the
 * request, its history, the queue, the notes); the service's refusal (e.g. "assigned to Dana
 * Whitfield: only they or an admin may reassign it") is shown in its words.
 */

/** Everything an assignment or a note changes: the request and its history, the notes, the queue. */
function refetchWorkOf(queryClient: ReturnType<typeof useQueryClient>, requestId: string): Promise<void> {
  return queryClient.invalidateQueries({
    predicate: (q) => q.queryKey[0] === 'link-requests' || (q.queryKey[0] === 'link-request' && q.queryKey[1] === requestId),
  });
}

export function AssignmentPanel({ request }: { request: Pick<LinkRequestDetailView, 'requestId' | 'status' | 'assignee'> }) {
  const token = useToken();
  const me = useSession().session?.user;
  const queryClient = useQueryClient();
  const path = `/link-request/link-requests/${request.requestId}/assignee`;
  const change = useMutation({
    mutationFn: (to: 'me' | 'nobody') =>
      to === 'me'
        ? api(token, path, { method: 'PUT', body: JSON.stringify({ userId: me?.id, name: me?.name }) })
        : api(token, path, { method: 'DELETE' }),
    // A refusal may mean someone else changed it meanwhile: show what holds now, too.
    onSettled: () => refetchWorkOf(queryClient, request.requestId),
  });
  const assignee = request.assignee ?? null;
  const mine = !!assignee && assignee.userId === me?.id;
  const open = request.status === 'SUBMITTED';

  return (
    <div className="panel" aria-live="polite">
      <h2>Assignment</h2>
      <p>
        {assignee && (
          <>
            Assigned to <strong>{assigneeText(assignee, me?.id ?? '')}</strong> since {formatDateTime(assignee.assignedAt)}.
            {!open && ' A decided request keeps its assignee.'}
          </>
        )}
        {!assignee && (open ? 'Nobody is working on this request yet.' : 'Decided without an assignee.')}
      </p>
      {change.isError && <ErrorState error={change.error} />}
      {open && (
        <div className="actions">
          {!mine && (
            <button type="button" disabled={change.isPending} onClick={() => change.mutate('me')}>
              {change.isPending && change.variables === 'me' ? 'Assigning…' : 'Assign to me'}
            </button>
          )}
          {assignee && (
            <button type="button" disabled={change.isPending} onClick={() => change.mutate('nobody')}>
              {change.isPending && change.variables === 'nobody' ? 'Unassigning…' : 'Unassign'}
            </button>
          )}
        </div>
      )}
    </div>
  );
}

export function NotesThread({ requestId }: { requestId: string }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const [text, setText] = useState('');
  const [blank, setBlank] = useState(false);
  const notes = useQuery({
    queryKey: ['link-request', requestId, 'notes'],
    queryFn: () => apiJson<Page<LinkRequestNoteView>>(token, `/link-request/link-requests/${requestId}/notes?limit=1000`),
  });
  const add = useMutation({
    mutationFn: (note: string) =>
      apiJson<LinkRequestNoteView>(token, `/link-request/link-requests/${requestId}/notes`, { method: 'POST', body: JSON.stringify({ text: note }) }),
    onSuccess: async () => {
      setText('');
      await refetchWorkOf(queryClient, requestId);
    },
  });
  const items = notes.data?.items ?? [];
  const total = notes.data?.total ?? items.length;

  const submit = (e: FormEvent) => {
    e.preventDefault();
    if (!text.trim()) return setBlank(true);
    add.mutate(text.trim());
  };

  return (
    <section aria-labelledby="notes-title">
      <h2 id="notes-title">Internal notes</h2>
      <p className="hint">Only the back office sees these notes; the group never does.</p>
      {notes.isPending && <Loading what="the notes" />}
      {notes.isError && <ErrorState error={notes.error} onRetry={() => notes.refetch()} />}
      {notes.isSuccess && items.length === 0 && <Empty>No notes yet.</Empty>}
      {items.length > 0 && (
        <ol className="plain" aria-label={`Notes, oldest first (${total})`}>
          {items.map((n) => (
            <li key={n.noteId} className="panel">
              <p>
                <strong>{n.author.name}</strong> · {formatDateTime(n.createdAt)}
              </p>
              <p>
                {n.text.split('\n').map((line, i) => (
                  <span key={i}>
                    {i > 0 && <br />}
                    {line}
                  </span>
                ))}
              </p>
            </li>
          ))}
        </ol>
      )}
      {total > items.length && <p className="hint">Showing the first {items.length} of {total} notes.</p>}
      <form onSubmit={submit} noValidate>
        <label htmlFor="note-text">Add an internal note</label>
        <textarea
          id="note-text"
          value={text}
          maxLength={LINK_REQUEST_NOTE_MAX_LENGTH}
          rows={3}
          required
          aria-invalid={blank}
          aria-describedby={blank ? 'note-text-hint note-text-error' : 'note-text-hint'}
          onChange={(e) => {
            setText(e.target.value);
            setBlank(false);
          }}
        />
        <p id="note-text-hint" className="hint">
          {(LINK_REQUEST_NOTE_MAX_LENGTH - text.length).toLocaleString('en-US')} of {LINK_REQUEST_NOTE_MAX_LENGTH.toLocaleString('en-US')} characters
          left.
        </p>
        {blank && (
          <p id="note-text-error" className="field-error" role="alert">
            Write the note first: it cannot be empty.
          </p>
        )}
        {add.isError && <ErrorState error={add.error} />}
        <div className="actions">
          <button type="submit" disabled={add.isPending}>
            {add.isPending ? 'Adding…' : 'Add note'}
          </button>
        </div>
      </form>
    </section>
  );
}
