import type { ProviderType } from '@rosterlink/contracts/browser';
import { ApiError, apiJson, Page } from '@rosterlink/ui';

/**
 * The group link request's calls, through the portal server (`/api/<service>/…`, docs/contract.md):
 * link-request-service's List of Locations, List of Servicing Providers, Search for Provider and the
 * link request itself, and access-service's Primary User of a PID/SL.
 */

/** link-request-service `GET /service-locations`: a row of the List of Locations. */
export interface ServiceLocation {
  pidsl: string;
  groupId: string;
  serviceLocation: string;
  locationName: string | null;
  groupName: string;
  dbaName: string;
}

/** link-request-service `GET /service-locations/{pidsl}/servicing-providers`: one link period of one provider. */
export interface ServicingProvider {
  providerId: string | null;
  npi: string;
  firstName: string | null;
  lastName: string | null;
  providerType: ProviderType | null;
  effectiveDate: string;
  endDate: string | null;
  /** Linked today (America/New_York). */
  active: boolean;
  source: string;
  sourceReference: string;
}

/** link-request-service `GET /providers/search`: an individual provider found, and whether the portal may link it. */
export interface ProviderSearchItem {
  providerId: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  linkable: boolean;
  notLinkableReason?: string;
}

/** What Search for Provider was asked: any subset of the three (blank fields are left out). */
export interface ProviderSearchCriteria {
  providerId: string;
  npi: string;
  name: string;
}

/** link-request-service `POST /service-locations/{pidsl}/link-requests` → 201. */
export interface LinkRequestSubmitted {
  requestId: string;
  status: 'SUBMITTED';
  submittedAt: string;
  dueDate: string;
}

/** access-service `GET /service-locations/{pidsl}/primary-user`. */
export interface PrimaryUserAnswer {
  pidsl: string;
  primaryUser: { userId: string; name: string } | null;
}

export function fetchLocations(token: string, groupId: string): Promise<Page<ServiceLocation>> {
  return apiJson<Page<ServiceLocation>>(token, `/link-request/service-locations?groupId=${encodeURIComponent(groupId)}&limit=1000`);
}

export function fetchServicingProviders(token: string, pidsl: string): Promise<Page<ServicingProvider>> {
  return apiJson<Page<ServicingProvider>>(token, `/link-request/service-locations/${encodeURIComponent(pidsl)}/servicing-providers?limit=1000`);
}

/** The query string of a search: only the fields filled in, trimmed. */
export function searchQueryOf(criteria: ProviderSearchCriteria): string {
  const params = new URLSearchParams();
  for (const field of ['providerId', 'npi', 'name'] as const) {
    const value = criteria[field].trim();
    if (value) params.set(field, value);
  }
  params.set('limit', '50');
  return params.toString();
}

export function searchProviders(token: string, criteria: ProviderSearchCriteria): Promise<Page<ProviderSearchItem>> {
  return apiJson<Page<ProviderSearchItem>>(token, `/link-request/providers/search?${searchQueryOf(criteria)}`);
}

export function submitLinkRequest(
  token: string,
  pidsl: string,
  request: { servicingProviderId: string; effectiveDate: string },
): Promise<LinkRequestSubmitted> {
  return apiJson<LinkRequestSubmitted>(token, `/link-request/service-locations/${encodeURIComponent(pidsl)}/link-requests`, {
    method: 'POST',
    body: JSON.stringify({ ...request, attestation: true }),
  });
}

/** The Primary User of a PID/SL, whom a user asks for access to it; null when it has none; ApiError 404 when no such PID/SL. */
export async function fetchPrimaryUser(token: string, pidsl: string): Promise<PrimaryUserAnswer> {
  return apiJson<PrimaryUserAnswer>(token, `/access/service-locations/${encodeURIComponent(pidsl)}/primary-user`);
}

/** The field a refused link request names (its details' `field`, as link-request-service lists them), so the journey returns to it. */
export function refusedFieldOf(error: unknown): 'effectiveDate' | 'servicingProviderId' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.details.map((d) => (d as { field?: unknown } | null)?.field);
  if (fields.includes('effectiveDate')) return 'effectiveDate';
  if (fields.includes('servicingProviderId')) return 'servicingProviderId';
  return undefined;
}

/** link-request-service `GET /link-requests?pidsl=&status=SUBMITTED`: a request waiting for MassHealth. */
export interface PendingLinkRequest {
  requestId: string;
  kind: 'LINK' | 'UNLINK';
  pidsl: string;
  provider: {
    providerId: string;
    npi: string;
    firstName: string | null;
    lastName: string | null;
    providerType: ProviderType | null;
  };
  effectiveDate: string | null;
  endDate: string | null;
  status: string;
  submittedAt: string;
  dueDate: string;
}

export function fetchPendingLinkRequests(token: string, pidsl: string): Promise<Page<PendingLinkRequest>> {
  return apiJson<Page<PendingLinkRequest>>(token, `/link-request/link-requests?pidsl=${encodeURIComponent(pidsl)}&status=SUBMITTED&limit=100`);
}
