import { CaseStatus, FINAL_CASE_STATUSES, isSupersedable, SUPERSEDABLE_CASE_STATUSES } from '@rosterlink/contracts';

/**
 * What upload-service decides about an upload's case, without a database. It follows each
 * upload's case from import-service's events (a shadow of the case status) to refuse a second
 * upload of a file whose case is still open, and a revised file naming a case it may not replace.
 */

/** The status an upload's case has when import-service opens it. */
export const OPENED_CASE_STATUS = 'NEW' satisfies CaseStatus;

/** An upload's case as upload-service knows it: none yet (its event has not arrived), or a number and status. */
export interface UploadCase {
  uploadId: string;
  caseNumber: string | null;
  caseStatus: CaseStatus | null;
}

/** Whether the case is still open: not opened yet (no status), or not in a final status. */
export function isCaseOpen(caseStatus: CaseStatus | null): boolean {
  return caseStatus === null || !(FINAL_CASE_STATUSES as readonly CaseStatus[]).includes(caseStatus);
}

/** The contract's supersede rule (import-service applies the same one when it opens the revision's case). */
export function isReplaceable(caseStatus: CaseStatus | null): boolean {
  return caseStatus !== null && isSupersedable(caseStatus);
}

/** A refusal, with the status and body the upload API answers. */
export type UploadRefusal =
  | { kind: 'conflict'; body: { message: string } & Record<string, unknown> }
  | { kind: 'unprocessable'; body: { message: string; details: { field: string; message: string }[] } };

/** Refuses the same file again while an earlier upload's case is open; null when none is. */
export function duplicateRefusal(open: UploadCase | null): UploadRefusal | null {
  if (!open) return null;
  return {
    kind: 'conflict',
    body: {
      message: open.caseNumber
        ? `This file is already on case ${open.caseNumber} (${open.caseStatus}); process or replace that case`
        : `This file was uploaded moments ago (upload ${open.uploadId}); its case is being opened`,
      caseNumber: open.caseNumber ?? undefined,
      uploadId: open.uploadId,
    },
  };
}

/**
 * Refuses a revised file naming `caseNumber` unless the group's upload of that case is known and
 * its case replaceable; null when it may replace it.
 */
export function replaceRefusal(groupId: string, caseNumber: string, replaced: UploadCase | null): UploadRefusal | null {
  if (!replaced) {
    return {
      kind: 'unprocessable',
      body: {
        message: `Case ${caseNumber} is not a roster-import case of group ${groupId}`,
        details: [{ field: 'supersedesCaseNumber', message: 'no such case for this group' }],
      },
    };
  }
  if (isReplaceable(replaced.caseStatus)) return null;
  return {
    kind: 'conflict',
    body: {
      message: `Case ${caseNumber} is ${replaced.caseStatus}; a revised file can replace only a ${SUPERSEDABLE_CASE_STATUSES.join(' or ')} case`,
      caseNumber,
      status: replaced.caseStatus,
    },
  };
}

/** What the upload API answers for a group the caller may not act for, or that the provider master does not know. */
export const uploadRefusals = {
  /** 404, not 403: a user must not learn that a group outside their grants exists. */
  groupNotFound: (groupId: string) => `Group ${groupId} not found`,
  /** 404 as well for another group's upload: its id says nothing to someone outside the group. */
  uploadNotFound: (uploadId: string) => `Upload ${uploadId} not found`,
} as const;
