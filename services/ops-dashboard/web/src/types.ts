import type { LetterStatus, SlaState } from '@rosterlink/contracts/browser';

export type { LetterStatus, SlaState };
export type { CaseError, CaseTimelineEntry, Letter, Page, Practitioner, RosterCase, RosterCaseDetail, SessionUser } from '@rosterlink/ui';

/**
 * The shapes of the service responses the dashboard reads (see docs/contract.md and each service's /docs).
 * Their codes, statuses and date helpers come from the contract (`@rosterlink/contracts/browser`); the views the
 * portal reads too (cases, their errors, pages) come from `@rosterlink/ui`; only the HTTP views that no other
 * front end reads are written here.
 */

/** import-service `GET /cases/summary` and notification-service `GET /letters/summary`. */
export interface StatusSummary<S extends string> {
  total: number;
  byStatus: Record<S, number>;
}

export type { LiveChange } from '../../src/live-change';

export type {
  AccessAuditEntry,
  CalendarAuditEntry,
  CalendarClosure,
  DecisionContext,
  LinkRequestAssigneeView,
  LinkRequestDetailView,
  LinkRequestNoteView,
  LinkRequestSort,
  LinkRequestSummary,
  LinkRequestView,
  LocationPrimaryUser,
  ServiceLocation,
  ServiceLocationUser,
} from '@rosterlink/contracts/browser';
