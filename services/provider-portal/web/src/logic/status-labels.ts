import type { CaseStatus, PractitionerStatus } from '@rosterlink/contracts/browser';

/** The statuses in the portal's words (the job aid's: "New status", "Waiting for CAQH", "Submitted"). */
export const CASE_STATUS_LABELS: Record<CaseStatus, string> = {
  NEW: 'New',
  PROCESSING: 'Processing',
  COMPLETED: 'Completed',
  REJECTED: 'Rejected',
  FAILED: 'Failed',
  SUPERSEDED: 'Superseded',
};

export const PRACTITIONER_STATUS_LABELS: Record<PractitionerStatus, string> = {
  WAITING_FOR_CAQH: 'Waiting for CAQH',
  SUBMITTED: 'Submitted',
  TERMINATED: 'Terminated',
};
