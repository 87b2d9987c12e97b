import type { ImportType } from '@rosterlink/contracts/browser';
import { ChosenFile, rosterFileProblem } from './roster-file-check';

/**
 * The Roster Upload tab as a state machine, in the job aid's order (seed 000, steps 3–4):
 * Roster Import Type → Next → Upload Files (choose or drop the file; X closes the Upload Files window)
 * → Next → Save and Continue → the file is sent → the case opens.
 */
export type RosterUploadStep = 'import-type' | 'upload-files' | 'save' | 'sending' | 'opening-case' | 'case-created';

export interface RosterUploadState<F extends ChosenFile = ChosenFile> {
  step: RosterUploadStep;
  importType: ImportType | null;
  file: F | null;
  /** The Upload Files window is open (after a file was chosen or dropped, until X). */
  windowOpen: boolean;
  /** Bytes sent so far while sending. */
  progress: { loaded: number; total: number } | null;
  uploadId: string | null;
  caseNumber: string | null;
  /** What stops the user going on, and what to do: one message, plus the service's details when it gave any. */
  problem: { message: string; details: string[] } | null;
}

export type RosterUploadEvent<F extends ChosenFile = ChosenFile> =
  | { type: 'choose-import-type'; importType: ImportType }
  | { type: 'next' }
  | { type: 'back' }
  /** `refusal`: what the check of the file's content (a CSV's header) found, done before the event. */
  | { type: 'choose-file'; file: F; refusal?: { message: string; details: string[] } | null }
  | { type: 'close-window' }
  | { type: 'remove-file' }
  | { type: 'save' }
  | { type: 'progress'; loaded: number; total: number }
  | { type: 'accepted'; uploadId: string }
  | { type: 'case-opened'; caseNumber: string }
  | { type: 'failed'; message: string; details?: string[] }
  | { type: 'start-again' };

export function initialRosterUpload<F extends ChosenFile = ChosenFile>(): RosterUploadState<F> {
  return { step: 'import-type', importType: null, file: null, windowOpen: false, progress: null, uploadId: null, caseNumber: null, problem: null };
}

const problem = (message: string, details: string[] = []) => ({ message, details });

export function rosterUploadReducer<F extends ChosenFile>(state: RosterUploadState<F>, event: RosterUploadEvent<F>): RosterUploadState<F> {
  const busy = state.step === 'sending' || state.step === 'opening-case';
  switch (event.type) {
    case 'choose-import-type':
      return state.step === 'import-type' ? { ...state, importType: event.importType, problem: null } : state;
    case 'next':
      if (state.step === 'import-type') {
        if (!state.importType) return { ...state, problem: problem('Select a Roster Import Type: Add/Update or Terminate.') };
        return { ...state, step: 'upload-files', problem: null };
      }
      if (state.step === 'upload-files') {
        if (!state.file) return { ...state, problem: problem('Upload a roster file first: click Upload Files, or drop the file on the drop area.') };
        return { ...state, step: 'save', windowOpen: false, problem: null };
      }
      return state;
    case 'back':
      if (state.step === 'upload-files') return { ...state, step: 'import-type', windowOpen: false, problem: null };
      if (state.step === 'save') return { ...state, step: 'upload-files', problem: null };
      return state;
    case 'choose-file': {
      if (state.step !== 'upload-files') return state;
      const fileProblem = rosterFileProblem(event.file);
      const refusal = fileProblem ? problem(fileProblem) : event.refusal;
      if (refusal) return { ...state, file: null, windowOpen: false, problem: refusal };
      return { ...state, file: event.file, windowOpen: true, problem: null };
    }
    case 'close-window':
      return { ...state, windowOpen: false };
    case 'remove-file':
      return state.step === 'upload-files' ? { ...state, file: null, windowOpen: false, problem: null } : state;
    case 'save':
      if (state.step !== 'save' || !state.file || !state.importType) return state;
      return { ...state, step: 'sending', progress: { loaded: 0, total: state.file.size }, problem: null };
    case 'progress':
      return state.step === 'sending' ? { ...state, progress: { loaded: event.loaded, total: event.total } } : state;
    case 'accepted':
      return state.step === 'sending' ? { ...state, step: 'opening-case', uploadId: event.uploadId } : state;
    case 'case-opened':
      return state.step === 'opening-case' ? { ...state, step: 'case-created', caseNumber: event.caseNumber } : state;
    case 'failed':
      // A refused file goes back to Upload Files, to choose the corrected file; the import type stays.
      if (!busy) return state;
      return { ...state, step: 'upload-files', file: null, progress: null, uploadId: null, problem: problem(event.message, event.details) };
    case 'start-again':
      return initialRosterUpload<F>();
  }
}

/** The job aid's name for each step, for the step list and headings. */
export const STEP_TITLES: Record<RosterUploadStep, string> = {
  'import-type': 'Roster Import Type',
  'upload-files': 'Upload Files',
  save: 'Save and Continue',
  sending: 'Save and Continue',
  'opening-case': 'Save and Continue',
  'case-created': 'Case created',
};

export const IMPORT_TYPE_LABELS: Record<ImportType, string> = { ADD_UPDATE: 'Add/Update', TERMINATE: 'Terminate' };
