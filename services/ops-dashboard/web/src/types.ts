/** The service responses the dashboard reads (see ../../shared/CONTRACT.md and each service's /docs). */
export type SlaState = 'ON_TRACK' | 'WARNING' | 'BREACHED';
export type LinkRequestStatus = 'SUBMITTED' | 'APPROVED' | 'DENIED';

export interface Page<T> {
  items: T[];
  total: number;
}

export interface LinkRequest {
  requestId: string;
  kind: 'LINK' | 'UNLINK';
  pidsl: string;
  provider: { providerId: string; npi: string; firstName: string; lastName: string; providerType: string };
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
  history: { at: string; actor: string; action: string; fromStatus: string | null; toStatus: string | null; note: string | null }[];
}

export type CaseStatus = 'NEW' | 'PROCESSING' | 'COMPLETED' | 'REJECTED' | 'FAILED' | 'SUPERSEDED';
export const CASE_STATUSES: CaseStatus[] = ['NEW', 'PROCESSING', 'COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED'];

export interface RosterCase {
  caseNumber: string;
  groupId: string;
  uploadId: string;
  importType: 'ADD_UPDATE' | 'TERMINATE';
  status: CaseStatus;
  counts: { rows: number; created: number; updated: number; terminated: number; errors: number };
  supersedesCaseNumber?: string;
  createdAt: string;
  updatedAt: string;
}

export interface CaseError {
  row: number;
  column: string;
  code: string;
  message: string;
}

export type LetterStatus = 'PENDING' | 'RENDERED' | 'SENT' | 'FAILED';

export interface Letter {
  letterId: string;
  requestId: string;
  kind: string;
  pidsl: string;
  status: LetterStatus;
  recipient: { name: string; address: string };
  channel: string | null;
  error: string | null;
  createdAt: string;
  sentAt: string | null;
}

export interface ServiceStatus {
  service: string;
  health: 'up' | 'down' | 'unreachable';
  checks: Record<string, string>;
  consumerLag: Record<string, number> | null;
}

export interface SessionUser {
  id: string;
  name: string;
  roles: string[];
  backOffice: boolean;
}

export type { LiveChange } from '../../src/live-change';
