/** Status and code values fixed by CONTRACT.md. Never rename a published value. */

export const IMPORT_TYPES = ['ADD_UPDATE', 'TERMINATE'] as const;
export type ImportType = (typeof IMPORT_TYPES)[number];

export const CASE_STATUSES = ['NEW', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED'] as const;
export type CaseStatus = (typeof CASE_STATUSES)[number];

/**
 * A revised roster file may supersede a case not yet processed (NEW) or one with row errors
 * (REJECTED). upload-service checks it when the file arrives; import-service decides it when it
 * opens the revision's case.
 */
export const SUPERSEDABLE_CASE_STATUSES = ['NEW', 'REJECTED'] as const satisfies readonly CaseStatus[];
export type SupersedableCaseStatus = (typeof SUPERSEDABLE_CASE_STATUSES)[number];

export function isSupersedable(status: CaseStatus): status is SupersedableCaseStatus {
  return (SUPERSEDABLE_CASE_STATUSES as readonly CaseStatus[]).includes(status);
}

export const PRACTITIONER_STATUSES = ['WAITING_FOR_CAQH', 'SUBMITTED', 'TERMINATED'] as const;
export type PractitionerStatus = (typeof PRACTITIONER_STATUSES)[number];

export const LINK_REQUEST_STATUSES = ['SUBMITTED', 'APPROVED', 'DENIED'] as const;
export type LinkRequestStatus = (typeof LINK_REQUEST_STATUSES)[number];

/** An internal note on a link request (back office only, never carried by an event): 1 to this many characters. */
export const LINK_REQUEST_NOTE_MAX_LENGTH = 2000;

/** `GET /link-requests?assignee=`: a user id, or the caller (`me`), or nobody (`none`). */
export const LINK_REQUEST_ASSIGNEE_ME = 'me';
export const LINK_REQUEST_ASSIGNEE_NONE = 'none';

/** Where an open link request stands against its 10-business-day SLA (link-request-service reports it). */
export const SLA_STATES = ['ON_TRACK', 'WARNING', 'BREACHED'] as const;
export type SlaState = (typeof SLA_STATES)[number];

/** `GET /link-requests?sort=`: by due date (the default, soonest first), by submission, or by provider (last name, first name); `-` for descending. */
export const LINK_REQUEST_SORTS = ['dueDate', '-dueDate', 'submittedAt', '-submittedAt', 'provider'] as const;
export type LinkRequestSort = (typeof LINK_REQUEST_SORTS)[number];
export const LINK_REQUEST_DEFAULT_SORT: LinkRequestSort = 'dueDate';

/** `GET /link-requests/summary`'s `byDaysLeft` labels: open requests past their due date, then by business days left (0–9, 10 or more). */
export const LINK_REQUEST_DAYS_LEFT_LABELS = ['overdue', '0', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10+'] as const;
export type LinkRequestDaysLeftLabel = (typeof LINK_REQUEST_DAYS_LEFT_LABELS)[number];

/** `GET /link-requests?q=`: at most this many characters. */
export const LINK_REQUEST_SEARCH_MAX_LENGTH = 100;
/** `GET /link-requests/export.csv`: at most this many rows. */
export const LINK_REQUEST_EXPORT_MAX_ROWS = 100_000;
/** `GET /link-requests/summary?weeks=`: the default and the most weeks of breaches and decisions. */
export const LINK_REQUEST_SUMMARY_DEFAULT_WEEKS = 8;
export const LINK_REQUEST_SUMMARY_MAX_WEEKS = 52;

/** A letter's way out: rendered to PDF, then sent (or failed, for the back office to resend). */
export const LETTER_STATUSES = ['PENDING', 'RENDERED', 'SENT', 'FAILED'] as const;
export type LetterStatus = (typeof LETTER_STATUSES)[number];

export const ROLES = ['provider', 'back-office', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const PROVIDER_TYPES = [
  'PHYSICIAN',
  'NURSE_PRACTITIONER',
  'PHYSICIAN_ASSISTANT',
  'NURSE_MIDWIFE',
  'PSYCHOLOGIST',
  'CLINICAL_SOCIAL_WORKER',
  'MENTAL_HEALTH_COUNSELOR',
  'PODIATRIST',
  'OPTOMETRIST',
  'CHIROPRACTOR',
  'PHYSICAL_THERAPIST',
  'OCCUPATIONAL_THERAPIST',
  'SPEECH_LANGUAGE_PATHOLOGIST',
  'AUDIOLOGIST',
  'DIETITIAN',
  'COMMUNITY_HEALTH_WORKER',
  'LTSS',
  'DENTAL',
  'ORP',
] as const;
export type ProviderType = (typeof PROVIDER_TYPES)[number];


/**
 * What a roster-import case's timeline (`GET /cases/{caseNumber}`) tells, oldest first: the upload, the case opened,
 * processing started, and each final status (the case statuses of roster-import.completed.v1).
 */
export const CASE_TIMELINE_EVENTS = ['UPLOADED', 'OPENED', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED'] as const;
export type CaseTimelineEvent = (typeof CASE_TIMELINE_EVENTS)[number];

/** The orders of `GET /cases`: most recent first (default), oldest first, by status, by group. */
export const CASE_SORTS = ['-createdAt', 'createdAt', 'status', 'groupId'] as const;
export type CaseSort = (typeof CASE_SORTS)[number];

/** The orders of `GET /letters`: newest first (default), oldest first, by status. */
export const LETTER_SORTS = ['-createdAt', 'createdAt', 'status'] as const;
export type LetterSort = (typeof LETTER_SORTS)[number];
