import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useReducer, useRef } from 'react';
import { IMPORT_TYPES } from '@rosterlink/contracts/browser';
import { href, useAdvice, useToken } from '@rosterlink/ui';
import { formatBytes, rosterFileRefusal } from '../logic/roster-file-check';
import { IMPORT_TYPE_LABELS, initialRosterUpload, RosterUploadState, rosterUploadReducer } from '../logic/roster-upload-steps';
import { sendRosterForCase, uploadProblemOf } from '../roster-api';
import { RosterFilePicker } from './RosterFilePicker';
import { TemplateDownloads } from './TemplateDownloads';

const IMPORT_TYPE_HINTS = {
  ADD_UPDATE: 'Add new practitioners to the group, or update those already in it.',
  TERMINATE: "End practitioners' affiliation with the group: NPI, Service Location and End Date are required.",
} as const;

const STEPS = [
  { title: 'Roster Import Type', steps: ['import-type'] },
  { title: 'Upload Files', steps: ['upload-files'] },
  { title: 'Save and Continue', steps: ['save', 'sending', 'opening-case', 'case-created'] },
];

/** The Roster Upload tab, step by step as the job aid says (seed 000, steps 3 and 4). */
export function RosterUploadTab({ groupId, practiceName }: { groupId: string; practiceName: string }) {
  const token = useToken();
  const advice = useAdvice();
  const queryClient = useQueryClient();
  const [state, dispatch] = useReducer(rosterUploadReducer<File>, undefined, () => initialRosterUpload<File>());
  const heading = useRef<HTMLHeadingElement>(null);
  const started = useRef(false);

  // Each step's heading takes the focus, so a keyboard or screen-reader user starts reading there.
  useEffect(() => {
    if (started.current) heading.current?.focus();
    started.current = true;
  }, [state.step]);

  const save = async () => {
    if (!state.file || !state.importType) return;
    dispatch({ type: 'save' });
    try {
      const caseNumber = await sendRosterForCase(
        token,
        { groupId, importType: state.importType, file: state.file, onProgress: (loaded, total) => dispatch({ type: 'progress', loaded, total }) },
        (uploadId) => dispatch({ type: 'accepted', uploadId }),
      );
      dispatch({ type: 'case-opened', caseNumber });
      void queryClient.invalidateQueries({ queryKey: ['cases', groupId] });
    } catch (error) {
      dispatch({ type: 'failed', ...uploadProblemOf(error, advice) });
    }
  };

  const current = STEPS.findIndex((s) => s.steps.includes(state.step));
  return (
    <section aria-labelledby="roster-upload-title" className="roster-upload">
      <h2 id="roster-upload-title" className="visually-hidden">
        Roster Upload
      </h2>
      <ol className="steps" aria-label="Roster upload steps">
        {STEPS.map((s, i) => (
          <li key={s.title} aria-current={i === current ? 'step' : undefined} className={i < current ? 'done' : undefined}>
            <span className="visually-hidden">{i < current ? 'Done: ' : ''}</span>
            {s.title}
          </li>
        ))}
      </ol>

      {state.step === 'import-type' && (
        <form onSubmit={(e) => (e.preventDefault(), dispatch({ type: 'next' }))}>
          <h3 ref={heading} tabIndex={-1}>
            Roster Import Type
          </h3>
          <fieldset>
            <legend>Roster Import Type</legend>
            {IMPORT_TYPES.map((type) => (
              <label key={type} className="choice">
                <input
                  type="radio"
                  name="import-type"
                  value={type}
                  checked={state.importType === type}
                  onChange={() => dispatch({ type: 'choose-import-type', importType: type })}
                  aria-describedby={`hint-${type}`}
                />
                <span>
                  <strong>{IMPORT_TYPE_LABELS[type]}</strong>{' '}
                  <span id={`hint-${type}`} className="hint">
                    {IMPORT_TYPE_HINTS[type]}
                  </span>
                </span>
              </label>
            ))}
          </fieldset>
          <Problem state={state} />
          <div className="actions">
            <button type="submit" className="primary">
              Next
            </button>
          </div>
        </form>
      )}

      {state.step === 'upload-files' && (
        <div>
          <h3 ref={heading} tabIndex={-1}>
            Upload Files
          </h3>
          <p>
            Roster Import Type: <strong>{state.importType && IMPORT_TYPE_LABELS[state.importType]}</strong>. Fill in the approved template, save it as CSV or Excel,
            then upload it.
          </p>
          <TemplateDownloads groupId={groupId} />
          <RosterFilePicker
            buttonLabel="Upload Files"
            onFile={(file) => void rosterFileRefusal(file, state.importType ?? 'ADD_UPDATE').then((refusal) => dispatch({ type: 'choose-file', file, refusal }))}
          />
          {state.windowOpen && state.file && <UploadFilesWindow file={state.file} onClose={() => dispatch({ type: 'close-window' })} />}
          {!state.windowOpen && state.file && (
            <p className="chosen">
              File: <strong>{state.file.name}</strong> ({formatBytes(state.file.size)}){' '}
              <button type="button" onClick={() => dispatch({ type: 'remove-file' })}>
                Remove file
              </button>
            </p>
          )}
          <Problem state={state} />
          <div className="actions">
            <button type="button" onClick={() => dispatch({ type: 'back' })}>
              Back
            </button>
            <button type="button" className="primary" onClick={() => dispatch({ type: 'next' })}>
              Next
            </button>
          </div>
        </div>
      )}

      {(state.step === 'save' || state.step === 'sending' || state.step === 'opening-case') && (
        <div>
          <h3 ref={heading} tabIndex={-1}>
            Save and Continue
          </h3>
          <dl className="facts">
            <dt>Practice</dt>
            <dd>
              {practiceName} ({groupId})
            </dd>
            <dt>Roster Import Type</dt>
            <dd>{state.importType && IMPORT_TYPE_LABELS[state.importType]}</dd>
            <dt>File</dt>
            <dd>
              {state.file?.name} ({formatBytes(state.file?.size ?? 0)})
            </dd>
          </dl>
          {state.step === 'save' && (
            <div className="actions">
              <button type="button" onClick={() => dispatch({ type: 'back' })}>
                Back
              </button>
              <button type="button" className="primary" onClick={save}>
                Save and Continue
              </button>
            </div>
          )}
          {state.step === 'sending' && state.progress && (
            <div className="panel" role="status" aria-live="polite">
              <label htmlFor="upload-progress">
                Sending {state.file?.name}: {Math.floor((100 * state.progress.loaded) / Math.max(state.progress.total, 1))}%
              </label>
              <progress id="upload-progress" max={Math.max(state.progress.total, 1)} value={state.progress.loaded} />
            </div>
          )}
          {state.step === 'opening-case' && (
            <div className="panel" role="status" aria-live="polite">
              <label htmlFor="case-opening">The roster was received and checked. Creating its case…</label>
              <progress id="case-opening" />
            </div>
          )}
        </div>
      )}

      {state.step === 'case-created' && (
        <div className="panel notice" role="status">
          <h3 ref={heading} tabIndex={-1}>
            Case {state.caseNumber} created
          </h3>
          <p>
            A case was created for the roster import, in New status. To process it, click its Case Number in Recently Viewed, or open it here:{' '}
            <a href={href('practices', groupId, 'cases', state.caseNumber ?? '')}>{state.caseNumber}</a>.
          </p>
          <button type="button" onClick={() => dispatch({ type: 'start-again' })}>
            Upload another roster
          </button>
        </div>
      )}
    </section>
  );
}

/** The Upload Files window: the chosen file, checked on this computer; X closes it. */
function UploadFilesWindow({ file, onClose }: { file: File; onClose: () => void }) {
  const close = useRef<HTMLButtonElement>(null);
  useEffect(() => close.current?.focus(), []);
  return (
    <div className="window" role="dialog" aria-labelledby="upload-window-title" onKeyDown={(e) => e.key === 'Escape' && onClose()}>
      <div className="window-head">
        <h4 id="upload-window-title">Upload Files</h4>
        <button type="button" ref={close} className="close" aria-label="Close the Upload Files window" onClick={onClose}>
          ×
        </button>
      </div>
      <p>
        <strong>{file.name}</strong> ({formatBytes(file.size)}) is uploaded to this page. Its header and rows are checked when you click Save and
        Continue.
      </p>
      <p className="hint">Click X to close this window, then click Next.</p>
    </div>
  );
}

function Problem({ state }: { state: RosterUploadState<File> }) {
  if (!state.problem) return null;
  return (
    <div className="state state-error" role="alert">
      <p>{state.problem.message}</p>
      {state.problem.details.length > 0 && (
        <ul>
          {state.problem.details.map((d, i) => (
            <li key={i}>{d}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
