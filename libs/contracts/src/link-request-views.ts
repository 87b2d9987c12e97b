import type { LinkRequestStatus, ProviderType, SlaState } from './domain-codes';
import type { ClosureChangeKind, LinkRequestKind } from './event-codes';

/**
 * What link-request-service answers over HTTP — its locations, servicing providers, providers found, link
 * requests (`GET /link-requests`, `GET /link-requests/{requestId}`, its notes, the assignee's PUT) and
 * business calendar: the one description of that JSON, which the service builds and the portal and the
 * dashboard read (the back office's own views are in back-office-views.ts).
 * Instants are ISO 8601 strings, dates `YYYY-MM-DD`.
 */

/** Whom a request is assigned to, and since when; null when nobody is. */
export interface LinkRequestAssigneeView {
  userId: string;
  name: string;
  assignedAt: string;
}

/** A request as the queue (and a provider user's My requests) shows it. */
export interface LinkRequestView {
  requestId: string;
  kind: LinkRequestKind;
  pidsl: string;
  /** The group's legal name and DBA name, as the provider master projection holds them; null when unknown. */
  groupName: string | null;
  dbaName: string | null;
  provider: { providerId: string; npi: string; firstName: string; lastName: string; providerType: ProviderType };
  effectiveDate: string | null;
  endDate: string | null;
  status: LinkRequestStatus;
  submittedAt: string;
  dueDate: string;
  /** The first business day the SLA counts: the submission's business date if a business day, else the next one. */
  slaStartDate: string;
  /** Counted from today, or from slaStartDate before it; negative when overdue; null once decided. */
  businessDaysRemaining: number | null;
  slaState: SlaState | null;
  /** When the SLA sweep announced the warning and the breach (null until it did). */
  slaWarningAt: string | null;
  slaBreachedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
  /** The analyst working the request (back office and admins only: absent for a provider user, as the back office's work is internal). */
  assignee?: LinkRequestAssigneeView | null;
}

/** One entry of a request's history: who did what, when, from which status to which. */
export interface LinkRequestHistoryView {
  at: string;
  actor: string;
  action: string;
  fromStatus: LinkRequestStatus | null;
  toStatus: LinkRequestStatus | null;
  note: string | null;
}

/** One request (`GET /link-requests/{requestId}`): the queue's view, its attestation and its history (a provider user's without the back office's work). */
export interface LinkRequestDetailView extends LinkRequestView {
  attestation: { version: string; attestedBy: string; attestedAt: string };
  history: LinkRequestHistoryView[];
}

/** An internal note of the back office on a request (`GET /link-requests/{requestId}/notes`, oldest first). */
export interface LinkRequestNoteView {
  noteId: string;
  requestId: string;
  author: { userId: string; name: string };
  text: string;
  createdAt: string;
}

/** A row of the List of Locations (`GET /service-locations`): the DBA name is the letters' recipient. */
export interface ServiceLocation {
  pidsl: string;
  groupId: string;
  serviceLocation: string;
  locationName: string | null;
  groupName: string;
  dbaName: string;
}

/** What last set a servicing link's dates: an approved link request, or a roster import. */
export const SERVICING_LINK_SOURCES = ['LINK_REQUEST', 'ROSTER'] as const;
export type ServicingLinkSource = (typeof SERVICING_LINK_SOURCES)[number];

/** A row of the List of Servicing Providers (`GET /service-locations/{pidsl}/servicing-providers`): one link period of one provider. */
export interface ServicingProvider {
  /** null when the provider master has no individual with this NPI */
  providerId: string | null;
  npi: string;
  /** The provider master's names when it knows the NPI, else the roster's; null when neither names them. */
  firstName: string | null;
  lastName: string | null;
  providerType: ProviderType | null;
  effectiveDate: string;
  endDate: string | null;
  /** In force on the given day (today in America/New_York for the endpoint). */
  active: boolean;
  /** What last set the dates, and its reference (a roster-import case number or a link request id). */
  source: ServicingLinkSource;
  sourceReference: string;
}

/** How Search for Provider found a provider: its ranking tier. */
export const PROVIDER_MATCHES = ['EXACT_ID', 'NAME_PREFIX', 'SIMILAR_NAME'] as const;
export type ProviderMatch = (typeof PROVIDER_MATCHES)[number];

/** An individual provider Search for Provider found (`GET /providers/search`), and whether the portal may link it. */
export interface ProviderSearchItem {
  providerId: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  match: ProviderMatch;
  /** false for LTSS, DENTAL and ORP providers (notLinkableReason says why, and where to go instead). */
  linkable: boolean;
  notLinkableReason?: string;
}

/** What a link or unlink request's POST answers (201): the request, open, and its due date (10 business days). */
export interface LinkRequestSubmitted {
  requestId: string;
  status: Extract<LinkRequestStatus, 'SUBMITTED'>;
  submittedAt: string;
  dueDate: string;
}

/** Where a day the state offices are closed comes from: a Massachusetts state holiday (generated), or a closure an admin added. */
export const CALENDAR_CLOSURE_SOURCES = ['HOLIDAY', 'ADMIN'] as const;
export type CalendarClosureSource = (typeof CALENDAR_CLOSURE_SOURCES)[number];

/** `GET /business-calendar/closures?year=`: a day the state offices are closed. */
export interface CalendarClosure {
  date: string;
  name: string;
  /** A statutory holiday cannot be removed; an admin's closure can. */
  source: CalendarClosureSource;
  /** The admin's user id and when they added it; null for a holiday. */
  createdBy: string | null;
  createdAt: string | null;
}

/** `GET /business-calendar/audit` (newest first): a closure an admin added or removed, and the open requests whose due date it moved. */
export interface CalendarAuditEntry {
  at: string;
  /** The admin's user id. */
  by: string;
  action: ClosureChangeKind;
  date: string;
  name: string;
  dueDatesMoved: number;
}
