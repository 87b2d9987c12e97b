import type { ClosureChangeKind, LetterStatus, LinkRequestKind, LinkRequestStatus, ProviderType, SlaState } from '@rosterlink/contracts/browser';

export type { LetterStatus, SlaState };
export type { CaseError, CaseTimelineEntry, Letter, Page, Practitioner, RosterCase, RosterCaseDetail, SessionUser } from '@rosterlink/ui';

/**
 * The shapes of the service responses the dashboard reads (see docs/contract.md and each service's /docs).
 * Their codes, statuses and date helpers come from the contract (`@rosterlink/contracts/browser`); the views the
 * portal reads too (cases, their errors, pages) come from `@rosterlink/ui`; only the HTTP views that no other
 * front end reads are written here.
 */

export interface LinkRequest {
  requestId: string;
  kind: LinkRequestKind;
  pidsl: string;
  provider: { providerId: string; npi: string; firstName: string; lastName: string; providerType: ProviderType };
  effectiveDate: string | null;
  endDate: string | null;
  status: LinkRequestStatus;
  submittedAt: string;
  dueDate: string;
  /** The first business day the SLA counts: the submission's business date if a business day, else the next one. */
  slaStartDate: string;
  businessDaysRemaining: number | null;
  slaState: SlaState | null;
  /** When the service announced the SLA warning and breach; null until it did. */
  slaWarningAt: string | null;
  slaBreachedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  /** The analyst working the request; null when nobody is (the service sends it to the back office only). */
  assignee?: LinkRequestAssignee | null;
  /** The group's legal name and the location's DBA name (link-request-service's provider-master projection); null when unknown. */
  groupName: string | null;
  dbaName: string | null;
}

/** Whom a link request is assigned to (`PUT /link-requests/{id}/assignee`), and since when. */
export interface LinkRequestAssignee {
  userId: string;
  name: string;
  assignedAt: string;
}

/** An internal note of the back office on a link request (`GET /link-requests/{id}/notes`, oldest first). */
export interface LinkRequestNote {
  noteId: string;
  requestId: string;
  author: { userId: string; name: string };
  text: string;
  createdAt: string;
}

export interface LinkRequestDetail extends LinkRequest {
  attestation: { version: string; attestedBy: string; attestedAt: string };
  history: { at: string; actor: string; action: string; fromStatus: LinkRequestStatus | null; toStatus: LinkRequestStatus | null; note: string | null }[];
}


/** The queue's sort orders (`GET /link-requests?sort=`). */
export type LinkRequestSort = 'dueDate' | '-dueDate' | 'submittedAt' | '-submittedAt' | 'provider';

/** link-request-service `GET /business-calendar/closures?year=`: a day the state offices are closed. */
export interface Closure {
  date: string;
  name: string;
  /** A statutory holiday (cannot be removed) or a closure an admin added. */
  source: 'HOLIDAY' | 'ADMIN';
  createdBy: string | null;
  createdAt: string | null;
}

/** link-request-service `GET /business-calendar/audit` (newest first). */
export interface CalendarAuditEntry {
  at: string;
  by: string;
  action: ClosureChangeKind;
  date: string;
  name: string;
  dueDatesMoved: number;
}

/** import-service `GET /cases/summary` and notification-service `GET /letters/summary`. */
export interface StatusSummary<S extends string> {
  total: number;
  byStatus: Record<S, number>;
}

export type { LiveChange } from '../../src/live-change';

/** A row of link-request-service's List of Locations (`GET /service-locations`): the DBA name is the letters' recipient. */
export interface ServiceLocation {
  pidsl: string;
  groupId: string;
  serviceLocation: string;
  locationName: string | null;
  groupName: string;
  dbaName: string;
}

/** access-service: a PID/SL's Primary User (`GET /service-locations/{pidsl}/primary-user`, also what the PUT answers). */
export interface PrimaryUserView {
  pidsl: string;
  primaryUser: { userId: string; name: string } | null;
}

/** access-service: a user with access to a PID/SL (`GET /service-locations/{pidsl}/users`, the Primary User first). */
export interface AccessUser {
  userId: string;
  name: string;
  email?: string | null;
  primary: boolean;
  grantedAt: string;
  grantedBy: string;
}

/** access-service: an entry of a PID/SL's access audit (`GET /service-locations/{pidsl}/access-audit`, newest first). */
export interface AccessAuditEntry {
  at: string;
  by: string;
  action: 'GRANTED' | 'REVOKED' | 'PRIMARY_NAMED' | 'PRIMARY_REMOVED';
  userId: string;
  before: { granted: boolean; primary: boolean };
  after: { granted: boolean; primary: boolean };
}

export type { DecisionContext, LinkRequestSummary } from '@rosterlink/contracts/browser';
