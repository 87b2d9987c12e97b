import type { LinkRequestDaysLeftLabel, ProviderType, SlaState } from './domain-codes';
import type { LinkRequestKind } from './event-codes';
import type { ServicingLinkSource } from './link-request-views';

/** link-request-service `GET /link-requests/summary`: computed over every request, never from a page. */
export interface LinkRequestSummary {
  open: number;
  bySlaState: Record<SlaState, number>;
  unassigned: number;
  /** Open requests by business days left: `overdue`, `0` … `9`, `10+`. */
  byDaysLeft: { label: LinkRequestDaysLeftLabel; value: number }[];
  /** The last weeks up to today; `week` is a Monday. */
  weekly: { week: string; breaches: number; decisions: number }[];
}

/** link-request-service `GET /link-requests/{requestId}/context`: what an analyst checks before deciding. */
export interface DecisionContext {
  requestId: string;
  provider: {
    providerId: string;
    npi: string;
    firstName: string;
    lastName: string;
    providerType: ProviderType;
    /** By the contracts' one rule of which provider types the portal may link (notLinkableReason). */
    linkable: boolean;
    notLinkableReason: string | null;
    /** null when the provider master no longer has the provider (then the names are the request's). */
    credentialed: boolean | null;
    /** When the provider master last described the provider; null when it has no record. */
    updatedAt: string | null;
  };
  location: {
    pidsl: string;
    groupId: string;
    locationName: string | null;
    groupName: string | null;
    dbaName: string | null;
    /** The group's DBA address on one line (the provider master holds no address per location). */
    address: string | null;
  };
  /** The provider's servicing links at every location of the group. */
  links: {
    pidsl: string;
    locationName: string | null;
    dbaName: string | null;
    effectiveDate: string;
    endDate: string | null;
    /** In force today (America/New_York). */
    active: boolean;
    source: ServicingLinkSource;
  }[];
  /** The provider's other open requests, at any location. */
  otherOpenRequests: { requestId: string; kind: LinkRequestKind; pidsl: string; submittedAt: string; dueDate: string }[];
}
