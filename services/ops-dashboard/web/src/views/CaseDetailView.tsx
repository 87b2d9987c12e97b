import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { api, apiJson, CaseErrorTable, DownloadLink, Empty, ErrorState, formatDateTime, href, Loading, StatusBadge, useToken } from '@rosterlink/ui';
import { QueryKeys } from '../logic/live-invalidation';
import type { CaseTimelineEntry, RosterCaseDetail } from '../types';

/** A case's events in words; an event the service adds later shows as its code. */
const EVENT_WORDS: Record<string, string> = {
  UPLOADED: 'Roster uploaded',
  OPENED: 'Case opened',
  PROCESSING: 'Processing started',
  COMPLETED: 'Processed: roster applied',
  REJECTED: 'Processed: rejected for row errors',
  FAILED: 'Processing failed',
  SUPERSEDED: 'Superseded by a revised file',
};

export function eventText(entry: Pick<CaseTimelineEntry, 'event'>): string {
  return EVENT_WORDS[entry.event] ?? entry.event.replace(/_/g, ' ').toLowerCase().replace(/^./, (c) => c.toUpperCase());
}

export function CaseDetailView({ caseNumber }: { caseNumber: string }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const found = useQuery({
    queryKey: [QueryKeys.case, caseNumber],
    queryFn: () => apiJson<RosterCaseDetail>(token, `/import/cases/${encodeURIComponent(caseNumber)}`),
    // While it runs, the case is polled too, so progress shows even without live updates.
    refetchInterval: (q) => (q.state.data?.status === 'PROCESSING' ? 1000 : false),
  });
  const process = useMutation({
    mutationFn: () => api(token, `/import/cases/${caseNumber}/process`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: [QueryKeys.case, caseNumber] }),
  });

  if (found.isPending) return <Loading what={`case ${caseNumber}`} />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => found.refetch()} />;
  const c = found.data;
  const running = c.status === 'PROCESSING' || process.isPending;
  return (
    <section aria-labelledby="case-title">
      <p>
        <a href={href('cases')}>← Back to the cases</a>
      </p>
      <h1 id="case-title">Case {c.caseNumber}</h1>
      <dl className="facts facts-inline">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={c.status} />
        </dd>
        <dt>Group</dt>
        <dd>{c.groupId}</dd>
        <dt>Import type</dt>
        <dd>{c.importType === 'ADD_UPDATE' ? 'Add / update' : 'Terminate'}</dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        <dt>Last change</dt>
        <dd>{formatDateTime(c.updatedAt)}</dd>
        <dt>Uploaded by</dt>
        <dd>{c.uploadedBy ?? 'Not recorded'}</dd>
        <dt>Uploaded</dt>
        <dd>{c.uploadedAt ? formatDateTime(c.uploadedAt) : 'Not recorded'}</dd>
      </dl>
      <div className="roster-file">
        Roster file: <strong>{c.fileName}</strong>{' '}
        <DownloadLink path={`/import/cases/${encodeURIComponent(c.caseNumber)}/file`} filename={c.fileName} preparing="Preparing the roster file…">
          Download the roster file<span className="visually-hidden"> {c.fileName}</span>
        </DownloadLink>
      </div>
      {(c.supersedesCaseNumber || c.supersededByCaseNumber) && (
        <ul className="plain" aria-label="Revisions">
          {c.supersedesCaseNumber && (
            <li>
              Supersedes <a href={href('cases', c.supersedesCaseNumber)}>{c.supersedesCaseNumber}</a> (this is a revised file)
            </li>
          )}
          {c.supersededByCaseNumber && (
            <li>
              Superseded by <a href={href('cases', c.supersededByCaseNumber)}>{c.supersededByCaseNumber}</a> (a revised file replaced this one)
            </li>
          )}
        </ul>
      )}
      {c.status === 'NEW' ? (
        <p className="state">Not processed yet: the rows are counted when the roster is processed.</p>
      ) : (
        <ul className="counts" aria-label="Counts">
          {(['rows', 'created', 'updated', 'terminated', 'errors'] as const).map((k) => (
            <li key={k}>
              <strong>{c.counts[k]}</strong> {k}
            </li>
          ))}
        </ul>
      )}
      {c.status === 'NEW' && !running && (
        <div className="panel">
          <p>This roster has not been checked yet. Processing validates every row and, if there is no error, applies it.</p>
          <button type="button" className="primary" onClick={() => process.mutate()}>
            Process Roster Import
          </button>
        </div>
      )}
      {process.isError && <ErrorState error={process.error} />}
      {running && (
        <div className="panel" role="status" aria-live="polite">
          <label htmlFor="case-progress">Processing the roster: checking every row…</label>
          <progress id="case-progress" />
        </div>
      )}
      {c.status === 'FAILED' && (
        <p className="state state-error">Processing failed after its retries. Check the import-service log; the group can upload the file again.</p>
      )}
      {c.counts.errors > 0 && <CaseErrorTable caseNumber={caseNumber} total={c.counts.errors} />}
      {c.status === 'COMPLETED' && c.counts.errors === 0 && <Empty>The roster was applied without errors.</Empty>}
      <h2 id="case-timeline-title">What happened, oldest first</h2>
      {(c.timeline ?? []).length === 0 ? (
        <Empty>No events recorded for this case.</Empty>
      ) : (
        <ol className="timeline" aria-labelledby="case-timeline-title">
          {c.timeline.map((t, i) => (
            <li key={i}>
              <time dateTime={t.at}>{formatDateTime(t.at)}</time> · <strong>{eventText(t)}</strong>
              {t.by && <> by {t.by}</>}
              {t.detail && <div className="hint">{t.detail}</div>}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
