import type { LetterStatus, SlaState } from '@rosterlink/contracts/browser';

export type { LetterStatus, SlaState };
export type { CaseError, CaseTimelineEntry, Letter, Page, Practitioner, RosterCase, RosterCaseDetail, SessionUser } from '@rosterlink/ui';

/**
 * The shapes of the service responses the dashboard reads (see docs/contract.md and each service's /docs): the
 * contract's (`@rosterlink/contracts/browser`, the types the services build), those the portal reads too through
 * `@rosterlink/ui`; only what no service describes is written here.
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
