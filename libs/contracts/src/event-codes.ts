/**
 * Codes and patterns that event payloads carry, fixed by CONTRACT.md. A plain file, apart from the payload classes
 * that validate them, so that the browser entry (browser.ts) shares them without class-validator. Never rename a
 * published value.
 */

/** `roster.uploaded.v1` */
export const ROSTER_FILE_FORMATS = ['CSV', 'XLSX'] as const;
export type RosterFileFormat = (typeof ROSTER_FILE_FORMATS)[number];

export const CASE_NUMBER_PATTERN = /^RI-\d{4}-\d{6}$/;

/** `roster-import.completed.v1` */
export const FINAL_CASE_STATUSES = ['COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED'] as const;
export type FinalCaseStatus = (typeof FINAL_CASE_STATUSES)[number];

/** `practitioner.affiliated.v1` */
export const AFFILIATION_CHANGES = ['ADDED', 'UPDATED', 'TERMINATED'] as const;
export type AffiliationChange = (typeof AFFILIATION_CHANGES)[number];

/** `link-request.submitted.v1` and `link-request.processed.v1` */
export const LINK_REQUEST_KINDS = ['LINK', 'UNLINK'] as const;
export type LinkRequestKind = (typeof LINK_REQUEST_KINDS)[number];
export const LINK_REQUEST_DECISIONS = ['APPROVED', 'DENIED'] as const;
export type LinkRequestDecision = (typeof LINK_REQUEST_DECISIONS)[number];

/**
 * `link-request.assigned.v1` and `link-request.note-added.v1`: the back office's own work on a request, as the
 * request's history names it beside the submission, the decision and the SLA: assigned (or re-assigned) to an
 * analyst, unassigned, an internal note added.
 */
export const LINK_REQUEST_WORK_ACTIONS = ['ASSIGNED', 'UNASSIGNED', 'NOTE_ADDED'] as const;
export type LinkRequestWorkAction = (typeof LINK_REQUEST_WORK_ACTIONS)[number];

/** `letter.sent.v1` */
export const LETTER_CHANNELS = ['PRINT_MAIL', 'EMAIL'] as const;
export type LetterChannel = (typeof LETTER_CHANNELS)[number];

/** `business-calendar.changed.v1`: an admin's closure added to the business calendar, or taken back. */
export const CLOSURE_CHANGES = ['ADDED', 'REMOVED'] as const;
export type ClosureChangeKind = (typeof CLOSURE_CHANGES)[number];

/** `access.grant-changed.v1`: what changed about one user's access to one PID/SL. */
export const ACCESS_CHANGES = ['GRANTED', 'REVOKED', 'PRIMARY_NAMED', 'PRIMARY_REMOVED'] as const;
export type AccessChange = (typeof ACCESS_CHANGES)[number];
