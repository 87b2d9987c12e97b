import type { CaseStatus, CaseTimelineEvent, ImportType, LetterStatus, PractitionerStatus, ProviderType } from './domain-codes';
import type { LetterChannel } from './event-codes';

/**
 * What import-service (roster-import cases, their errors, practitioners) and notification-service
 * (letters) answer over HTTP, and the page every list endpoint answers: the one description of that
 * JSON, which the services build and the portal and the dashboard read. Instants are ISO 8601
 * strings, dates `YYYY-MM-DD`.
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
  event: CaseTimelineEvent;
  /** The user who made the step; null for the system's own. */
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
  /** The practitioner the letter is about, as link-request.processed.v1 told it; null when it did not. */
  npi: string | null;
  providerName: string | null;
}
