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

