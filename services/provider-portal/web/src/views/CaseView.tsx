import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { api, apiJson, CaseErrorTable, ErrorState, formatDateTime, href, Loading, RosterCase, StatusBadge, useAdvice, useToken } from '@rosterlink/ui';
import { formatBytes, rosterFileProblem } from '../logic/roster-file-check';
import { IMPORT_TYPE_LABELS } from '../logic/roster-upload-steps';
import { CASE_STATUS_LABELS } from '../logic/status-labels';
import { sendRosterForCase, uploadProblemOf } from '../roster-api';
import { PractitionerTable } from './PractitionerTable';
import { RosterFilePicker } from './RosterFilePicker';

/** A roster-import case: Process Roster Import, its progress, then the practitioners or every error with the revised upload. */
export function CaseView({ groupId, caseNumber }: { groupId: string; caseNumber: string }) {
  const token = useToken();
  const queryClient = useQueryClient();
  const process = useMutation({
    mutationFn: () => api(token, `/import/cases/${caseNumber}/process`, { method: 'POST' }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: ['case', caseNumber] }),
  });
  const found = useQuery({
    queryKey: ['case', caseNumber],
    queryFn: () => apiJson<RosterCase>(token, `/import/cases/${caseNumber}`),
    // Polled while it runs (and right after Process Roster Import, until it starts), so the progress is live.
    refetchInterval: (q) => (q.state.data?.status === 'PROCESSING' || (q.state.data?.status === 'NEW' && process.isSuccess) ? 1000 : false),
  });

  if (found.isPending) return <Loading what={`case ${caseNumber}`} />;
  if (found.isError) return <ErrorState error={found.error} onRetry={() => found.refetch()} />;
  const c = found.data;
  const running = c.status === 'PROCESSING' || (c.status === 'NEW' && (process.isPending || process.isSuccess));
  return (
    <section aria-labelledby="case-title">
      <nav aria-label="Breadcrumb" className="breadcrumb">
        <a href={href()}>Home</a> › <a href={href('practices', groupId)}>Group Account</a> › <span aria-current="page">Case {caseNumber}</span>
      </nav>
      <h1 id="case-title">Roster Import Case {c.caseNumber}</h1>
      <dl className="facts facts-inline">
        <dt>Status</dt>
        <dd>
          <StatusBadge status={c.status} label={CASE_STATUS_LABELS[c.status]} />
        </dd>
        <dt>Roster Import Type</dt>
        <dd>{IMPORT_TYPE_LABELS[c.importType]}</dd>
        <dt>Opened</dt>
        <dd>{formatDateTime(c.createdAt)}</dd>
        {c.supersedesCaseNumber && (
          <>
            <dt>Replaces</dt>
            <dd>
              <a href={href('practices', groupId, 'cases', c.supersedesCaseNumber)}>{c.supersedesCaseNumber}</a>
            </dd>
          </>
        )}
      </dl>

      {c.status === 'NEW' && !running && (
        <div className="panel">
          <p>Processing checks every row of the roster and, if there is no error, adds the practitioners to the group.</p>
          <button type="button" className="primary" onClick={() => process.mutate()}>
            Process Roster Import
          </button>
        </div>
      )}
      {process.isError && <ErrorState error={process.error} onRetry={() => process.mutate()} />}
      {running && (
        <div className="panel" role="status" aria-live="polite">
          <label htmlFor="case-progress">Processing the roster: checking every row{c.counts.rows > 0 ? ` of ${c.counts.rows}` : ''}…</label>
          <progress id="case-progress" />
        </div>
      )}

      {c.status === 'COMPLETED' && (
        <>
          <div className="panel notice" role="status">
            <p>
              <strong>The roster import is complete, without errors.</strong> {c.counts.created} practitioners created, {c.counts.updated} updated,{' '}
              {c.counts.terminated} terminated. They are now in the group record under the{' '}
              <a href={href('practices', groupId, 'practitioners')}>Practitioners</a> tab. There is no need to complete enrollment.
            </p>
            <p>
              <a href={href()}>Home</a>
            </p>
          </div>
          <h2>Practitioners</h2>
          <p className="hint">Waiting for CAQH: the practitioner requires credentialing. Submitted: credentialing is not required.</p>
          <PractitionerTable groupId={groupId} />
        </>
      )}

      {c.status === 'REJECTED' && (
        <>
          <div className="state state-error">
            <p>
              <strong>This roster was rejected: nothing was applied.</strong> Correct every error below in your file, then upload the revised
              file here. It replaces this case.
            </p>
          </div>
          <RevisedFileUpload rejected={c} />
          <CaseErrorTable caseNumber={caseNumber} total={c.counts.errors} />
        </>
      )}
      {c.status === 'FAILED' && (
        <div className="state state-error">
          <p>
            Processing this roster failed on our side; nothing was applied. Upload the file again from the{' '}
            <a href={href('practices', groupId)}>Roster Upload</a> tab, or call the provider help desk with the case number.
          </p>
        </div>
      )}
      {c.status === 'SUPERSEDED' && (
        <p className="state">
          A revised file replaced this case. Its new case is in Recently Viewed on the <a href={href('practices', groupId)}>Group Account</a> page.
        </p>
      )}
    </section>
  );
}

/** Upload revised file: the corrected roster replaces the rejected case (supersedesCaseNumber); its new case opens. */
function RevisedFileUpload({ rejected }: { rejected: RosterCase }) {
  const token = useToken();
  const advice = useAdvice();
  const queryClient = useQueryClient();
  const [sending, setSending] = useState<{ name: string; loaded: number; total: number } | null>(null);
  const [problem, setProblem] = useState<{ message: string; details: string[] } | null>(null);

  const send = async (file: File) => {
    const fileProblem = rosterFileProblem(file);
    if (fileProblem) return setProblem({ message: fileProblem, details: [] });
    setProblem(null);
    setSending({ name: file.name, loaded: 0, total: file.size });
    try {
      const caseNumber = await sendRosterForCase(
        token,
        {
          groupId: rejected.groupId,
          importType: rejected.importType,
          file,
          supersedesCaseNumber: rejected.caseNumber,
          onProgress: (loaded, total) => setSending({ name: file.name, loaded, total }),
        },
        () => undefined,
      );
      void queryClient.invalidateQueries({ queryKey: ['cases', rejected.groupId] });
      void queryClient.invalidateQueries({ queryKey: ['case', rejected.caseNumber] });
      window.location.hash = href('practices', rejected.groupId, 'cases', caseNumber);
    } catch (error) {
      setProblem(uploadProblemOf(error, advice));
    } finally {
      setSending(null);
    }
  };

  return (
    <div className="panel" aria-labelledby="revised-title" role="region">
      <h2 id="revised-title">Upload revised file</h2>
      <RosterFilePicker buttonLabel="Upload revised file" onFile={send} disabled={sending !== null} />
      {sending && (
        <div role="status" aria-live="polite">
          <label htmlFor="revised-progress">
            Sending {sending.name} ({formatBytes(sending.total)}): {Math.floor((100 * sending.loaded) / Math.max(sending.total, 1))}%
          </label>
          <progress id="revised-progress" max={Math.max(sending.total, 1)} value={sending.loaded} />
        </div>
      )}
      {problem && (
        <div className="state state-error" role="alert">
          <p>{problem.message}</p>
          {problem.details.length > 0 && (
            <ul>
              {problem.details.map((d, i) => (
                <li key={i}>{d}</li>
              ))}
            </ul>
          )}
        </div>
      )}
    </div>
  );
}
