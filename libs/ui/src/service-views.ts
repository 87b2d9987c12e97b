import type { CaseStatus, ImportType, LetterChannel, LetterStatus, PractitionerStatus, ProviderType } from '@rosterlink/contracts/browser';

/**
 * The HTTP views of the services that more than one front end reads (docs/contract.md). Their codes and
 * statuses come from the contract (`@rosterlink/contracts/browser`); the response shapes are written here once.
 */

/** Every list endpoint's answer. */
export interface Page<T> {
  items: T[];
  total: number;
}

/** import-service `GET /cases/{caseNumber}` and the items of `GET /cases`. */
export interface RosterCase {
  caseNumber: string;
  groupId: string;
  uploadId: string;
  importType: ImportType;
  status: CaseStatus;
  counts: { rows: number; created: number; updated: number; terminated: number; errors: number };
  supersedesCaseNumber?: string;
  /** The case that replaced this one (a revised file), when one did. */
  supersededByCaseNumber?: string;
  /** The roster file's name as uploaded. */
  fileName: string;
  /** The uploader's user id and when they uploaded (from `roster.uploaded.v1`); null when not recorded. */
  uploadedBy: string | null;
  uploadedAt: string | null;
  createdAt: string;
  updatedAt: string;
}

/** An entry of a case's story (`GET /cases/{caseNumber}`, `timeline`, oldest first). */
export interface CaseTimelineEntry {
  at: string;
  /** UPLOADED, OPENED, PROCESSING, COMPLETED, REJECTED, SUPERSEDED, … (the service may add more). */
  event: string;
  by: string | null;
  detail: string | null;
}

/** import-service `GET /cases/{caseNumber}`: the case with its story. */
export interface RosterCaseDetail extends RosterCase {
  timeline: CaseTimelineEntry[];
}

/** import-service `GET /cases/{caseNumber}/errors`: row as a spreadsheet numbers it (header = 1). */
export interface CaseError {
  row: number;
  column: string;
  code: string;
  message: string;
}

/** import-service `GET /groups/{groupId}/practitioners`. */
export interface Practitioner {
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  serviceLocation: string;
  effectiveDate: string;
  endDate: string | null;
  status: PractitionerStatus;
}

/** What a web app's server answers at `GET /api/me` (from the verified token). */
export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  backOffice: boolean;
}

/** notification-service `GET /letters` items: a decision letter (the back office sees every one, a provider user their locations'). */
export interface Letter {
  letterId: string;
  requestId: string;
  kind: string;
  pidsl: string;
  status: LetterStatus;
  /** The address as printed, one line per `\n`. */
  recipient: { name: string; address: string };
  channel: LetterChannel | null;
  /** Why the last delivery failed, when it did. */
  error: string | null;
  createdAt: string;
  sentAt: string | null;
  /** The practitioner the letter is about, when notification-service has them. */
  npi?: string | null;
  providerName?: string | null;
}
