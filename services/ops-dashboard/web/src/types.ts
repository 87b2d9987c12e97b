import type { LetterStatus, LinkRequestKind, LinkRequestStatus, ProviderType, SlaState } from '@rosterlink/contracts/browser';

export type { LetterStatus, SlaState };
export type { CaseError, Letter, Page, RosterCase, SessionUser } from '@rosterlink/ui';

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
  businessDaysRemaining: number | null;
  slaState: SlaState | null;
  /** When the service announced the SLA warning and breach; null until it did. */
  slaWarningAt: string | null;
  slaBreachedAt: string | null;
  decidedAt: string | null;
  decidedBy: string | null;
  reason: string | null;
}

export interface LinkRequestDetail extends LinkRequest {
  attestation: { version: string; attestedBy: string; attestedAt: string };
  history: { at: string; actor: string; action: string; fromStatus: LinkRequestStatus | null; toStatus: LinkRequestStatus | null; note: string | null }[];
}




export interface ServiceStatus {
  service: string;
  health: 'up' | 'down' | 'unreachable';
  checks: Record<string, string>;
  consumerLag: Record<string, number> | null;
}


export type { LiveChange } from '../../src/live-change';
