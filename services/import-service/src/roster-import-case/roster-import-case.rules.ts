import type { AuthenticatedUser } from '@rosterlink/auth';
import {
  CASE_STATUSES,
  CaseStatus,
  CaseTimelineEvent,
  FINAL_CASE_STATUSES,
  FinalCaseStatus,
  isSupersedable,
  RosterImportCaseCreatedV1,
  RosterFileFormat,
  RosterImportCompletedV1,
  SUPERSEDABLE_CASE_STATUSES,
} from '@rosterlink/contracts';
import type { RowError } from '@rosterlink/roster';

/**
 * A roster-import case's life, without a database: opened NEW for an accepted upload; Process
 * Roster Import moves it to PROCESSING, and the job to COMPLETED (applied), REJECTED (row errors,
 * nothing applied) or, after its last attempt, FAILED. A revised file replaces a NEW or REJECTED
 * case, which becomes SUPERSEDED. Every status but NEW and PROCESSING is final.
 */
export { CASE_STATUSES, FINAL_CASE_STATUSES };
export type { CaseStatus, FinalCaseStatus };

/** A new case waits for someone to process it. */
export const OPENED_CASE_STATUS = 'NEW' satisfies CaseStatus;

/** Each change of status: from which statuses it may happen, and the status it leaves. */
export const CASE_TRANSITIONS = {
  process: { from: ['NEW'], to: 'PROCESSING' },
  /** The roster had no error: it was applied. */
  complete: { from: ['PROCESSING'], to: 'COMPLETED' },
  /** The roster had row errors: nothing was applied, every error is on the case. */
  reject: { from: ['PROCESSING'], to: 'REJECTED' },
  /** The job's last attempt failed. */
  fail: { from: ['PROCESSING'], to: 'FAILED' },
  /** A revised file replaced the case (the contract's rule: isSupersedable). */
  supersede: { from: SUPERSEDABLE_CASE_STATUSES, to: 'SUPERSEDED' },
} as const satisfies Record<string, { from: readonly CaseStatus[]; to: CaseStatus }>;

export type CaseTransition = keyof typeof CASE_TRANSITIONS;

/** The status that has a job working on it: these cases are queued again by the recovery sweep. */
export const PROCESSING_STATUS = CASE_TRANSITIONS.process.to;

/** Whether `transition` may happen to a case of `status`. */
export function canTransition(status: CaseStatus, transition: CaseTransition): boolean {
  return (CASE_TRANSITIONS[transition].from as readonly CaseStatus[]).includes(status);
}

/** Whether the job of a case of `status` may finish it (complete, reject or fail it): a rerun of a finished job finds it final. */
export function canFinishProcessing(status: CaseStatus): boolean {
  return canTransition(status, 'complete') && canTransition(status, 'reject') && canTransition(status, 'fail');
}

/** Whether a case of `status` has reached the end of its life (roster-import.completed.v1 announced it). */
export function isFinal(status: CaseStatus): status is FinalCaseStatus {
  return (FINAL_CASE_STATUSES as readonly CaseStatus[]).includes(status);
}

/**
 * What "Process Roster Import" does to a case of `status`: start it (NEW), nothing when it is
 * already being processed (a second click), or refuse (any other status).
 */
export function processingDecision(status: CaseStatus): 'start' | 'already-processing' | 'refuse' {
  if (canTransition(status, 'process')) return 'start';
  return status === PROCESSING_STATUS ? 'already-processing' : 'refuse';
}

/** How a processed roster ends: REJECTED when any error was found (nothing is applied), COMPLETED otherwise. */
export function importOutcome(errorCount: number): 'complete' | 'reject' {
  return errorCount > 0 ? 'reject' : 'complete';
}

/** The case a revised file names, as far as replacing it goes. */
export interface ReplacedCase {
  groupId: string;
  status: CaseStatus;
}

/**
 * Whether a revised file of `groupId` may replace the case it names: a case of the same group that
 * can be superseded. upload-service checked it at upload, but the case may have changed since.
 */
export function mayReplace(replaced: ReplacedCase, groupId: string): boolean {
  return replaced.groupId === groupId && isSupersedable(replaced.status);
}

/** Who may see and act on a case: the back office, or a user granted its group. */
export function canSeeCase(user: AuthenticatedUser, rosterCase: { groupId: string }): boolean {
  return user.canActForGroup(rosterCase.groupId);
}

/** The groups whose cases `user` may list, or null for all (the back office). */
export function listableGroupsOf(user: AuthenticatedUser): readonly string[] | null {
  return user.isBackOffice ? null : user.grantedGroupIds;
}

/** A case's counts as its events and API show them. */
export interface CaseCounts {
  rows: number;
  created: number;
  updated: number;
  terminated: number;
  errors: number;
}

/** Counts of a case that applied nothing. */
export function countsWithoutChanges(rows: number, errors: number): CaseCounts {
  return { rows, created: 0, updated: 0, terminated: 0, errors };
}

/** The case as its events tell of it. */
export interface AnnouncedCase {
  caseNumber: string;
  uploadId: string;
  groupId: string;
  importType: RosterImportCompletedV1['importType'];
}

/** `roster-import.case-created.v1` of a case just opened. */
export function caseCreatedEvent(rosterCase: AnnouncedCase, openedAt: Date): RosterImportCaseCreatedV1 {
  return {
    caseNumber: rosterCase.caseNumber,
    uploadId: rosterCase.uploadId,
    groupId: rosterCase.groupId,
    importType: rosterCase.importType,
    status: OPENED_CASE_STATUS,
    createdAt: openedAt.toISOString(),
  };
}

/** `roster-import.completed.v1` of a case that reached `status`; a superseded case names the revision's case. */
export function caseCompletedEvent(
  rosterCase: AnnouncedCase,
  status: FinalCaseStatus,
  counts: CaseCounts,
  completedAt: Date,
  supersededBy?: string,
): RosterImportCompletedV1 {
  return {
    caseNumber: rosterCase.caseNumber,
    uploadId: rosterCase.uploadId,
    groupId: rosterCase.groupId,
    importType: rosterCase.importType,
    status,
    counts,
    ...(supersededBy === undefined ? {} : { supersededBy }),
    completedAt: completedAt.toISOString(),
  };
}

/** One step of a case's life as its timeline shows it. */
export interface CaseTimelineEntry {
  at: Date;
  event: CaseTimelineEvent;
  /** The user who made the step (the uploader, who pressed Process), null for the system's own steps. */
  by: string | null;
  detail: string | null;
}

/** The timeline event each change of status records. */
export const TIMELINE_EVENT_OF = {
  process: 'PROCESSING',
  complete: 'COMPLETED',
  reject: 'REJECTED',
  fail: 'FAILED',
  supersede: 'SUPERSEDED',
} as const satisfies { [T in CaseTransition]: (typeof CASE_TRANSITIONS)[T]['to'] & CaseTimelineEvent };

/** What a case row tells of its story. */
export interface CaseStoryRow {
  fileName: string;
  uploadedBy: string | null;
  uploadedAt: Date | null;
  supersedesCaseNumber: string | null;
  status: CaseStatus;
  createdAt: Date;
  updatedAt: Date;
}

/** The first steps of a case, recorded when it opens: the upload (when the event told it) and the opening. */
export function openingTimeline(rosterCase: Omit<CaseStoryRow, 'status' | 'updatedAt'>): CaseTimelineEntry[] {
  const uploaded: CaseTimelineEntry[] = rosterCase.uploadedAt
    ? [{ at: rosterCase.uploadedAt, event: 'UPLOADED', by: rosterCase.uploadedBy, detail: rosterCase.fileName }]
    : [];
  const revision = rosterCase.supersedesCaseNumber ? `Revised file of ${rosterCase.supersedesCaseNumber}` : null;
  return [...uploaded, { at: rosterCase.createdAt, event: 'OPENED', by: null, detail: revision }];
}

/** The step a change of status records. */
export function transitionEntry(transition: CaseTransition, at: Date, by: string | null, detail: string | null): CaseTimelineEntry {
  return { at, event: TIMELINE_EVENT_OF[transition], by, detail };
}

/** How a job's end is told on the timeline. */
export function outcomeDetail(transition: 'complete' | 'reject' | 'fail', counts: CaseCounts): string {
  if (transition === 'complete') {
    return `${counts.rows} rows: ${counts.created} created, ${counts.updated} updated, ${counts.terminated} terminated`;
  }
  if (transition === 'reject') return `${counts.errors} ${counts.errors === 1 ? 'error' : 'errors'} in ${counts.rows} rows; nothing applied`;
  return 'The import failed after its last attempt';
}

/** How a supersession is told on the replaced case's timeline. */
export const supersededDetail = (revisionCaseNumber: string) => `Replaced by the revised file of ${revisionCaseNumber}`;

/**
 * A case's timeline, oldest first: its recorded history; for a case opened before history was recorded, the
 * opening (upload and opening) as its row tells it, and when no step was recorded at all, its present status as
 * of its last change.
 */
export function caseTimeline(rosterCase: CaseStoryRow, history: readonly CaseTimelineEntry[]): CaseTimelineEntry[] {
  const opening = history.some((entry) => entry.event === 'OPENED') ? [] : openingTimeline(rosterCase);
  const present: CaseTimelineEntry[] =
    history.length === 0 && rosterCase.status !== OPENED_CASE_STATUS
      ? [{ at: rosterCase.updatedAt, event: rosterCase.status, by: null, detail: null }]
      : [];
  return [...opening, ...history, ...present];
}

/** The content type a roster file is served with. */
export const ROSTER_FILE_CONTENT_TYPES = {
  CSV: 'text/csv',
  XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
} as const satisfies Record<RosterFileFormat, string>;

/** Problems of the file as a whole, recorded on the case like row errors. */
export const fileProblems = {
  /** The file could not be read (at `row`, when the reader knows it; the header row otherwise). */
  unreadable: (message: string, row?: number): RowError => ({ row: row ?? 1, column: '', code: 'UNREADABLE_FILE', message }),
  /** A header and nothing else: reported on the first data row. */
  noDataRows: (): RowError => ({ row: 2, column: '', code: 'NO_DATA_ROWS', message: 'The file has a header but no practitioner rows' }),
} as const;

/** What the cases API answers when a case cannot be shown or acted on. */
export const caseRefusals = {
  /** 404 for a case of a group outside the caller's grants too: it does not exist for them. */
  notFound: (caseNumber: string) => `Case ${caseNumber} not found`,
  groupNotFound: (groupId: string) => `Group ${groupId} not found`,
  notNew: (caseNumber: string, status: CaseStatus) => `Case ${caseNumber} is ${status}; only a NEW case can be processed`,
  /** The errors workbook needs the case's file, and the store no longer holds it (the list and its CSV still answer). */
  /** `GET /cases/{caseNumber}/file` when the store no longer holds the file. */
  uploadedFileGone: (caseNumber: string) => `The roster file of case ${caseNumber} is no longer stored`,
  rosterFileGone: (caseNumber: string) =>
    `The roster file of case ${caseNumber} is no longer stored, so its cells cannot be marked; download the errors as CSV instead`,
} as const;
