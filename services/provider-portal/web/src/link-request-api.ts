import type {
  LinkRequestStatus,
  LinkRequestSubmitted,
  LinkRequestView,
  ProviderSearchItem,
  ServiceLocation,
  ServicingProvider,
} from '@rosterlink/contracts/browser';
import { ApiError, apiJson, Page } from '@rosterlink/ui';

/**
 * The group link request's calls, through the portal server (`/api/<service>/…`, docs/contract.md):
 * link-request-service's List of Locations, List of Servicing Providers, Search for Provider, the link
 * and unlink requests, and the user's requests as My requests lists them. What they answer is described
 * once, in the contracts (the service builds the same types).
 */
export type { LinkRequestSubmitted, LinkRequestView, ProviderSearchItem, ServiceLocation, ServicingProvider };

/** What Search for Provider was asked: any subset of the three (blank fields are left out). */
export interface ProviderSearchCriteria {
  providerId: string;
  npi: string;
  name: string;
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

/** link-request-service `POST /service-locations/{pidsl}/unlink-requests`: end a current link on the End Date (its last day). */
export function submitUnlinkRequest(
  token: string,
  pidsl: string,
  request: { servicingProviderId: string; endDate: string },
): Promise<LinkRequestSubmitted> {
  return apiJson<LinkRequestSubmitted>(token, `/link-request/service-locations/${encodeURIComponent(pidsl)}/unlink-requests`, {
    method: 'POST',
    body: JSON.stringify({ ...request, attestation: true }),
  });
}

/** The field a refused link or unlink request names (its details' `field`, as link-request-service lists them), so the journey returns to it. */
export function refusedFieldOf(error: unknown): 'effectiveDate' | 'endDate' | 'servicingProviderId' | undefined {
  if (!(error instanceof ApiError)) return undefined;
  const fields = error.details.map((d) => (d as { field?: unknown } | null)?.field);
  if (fields.includes('effectiveDate')) return 'effectiveDate';
  if (fields.includes('endDate')) return 'endDate';
  if (fields.includes('servicingProviderId')) return 'servicingProviderId';
  return undefined;
}

/** A request waiting for MassHealth, as the List of Servicing Providers shows it. */
export type PendingLinkRequest = LinkRequestView;

export function fetchPendingLinkRequests(token: string, pidsl: string): Promise<Page<PendingLinkRequest>> {
  return apiJson<Page<PendingLinkRequest>>(token, `/link-request/link-requests?pidsl=${encodeURIComponent(pidsl)}&status=SUBMITTED&limit=100`);
}

/** What My requests lists: the requests at the user's locations (link-request-service limits them to the grants). */
export interface LinkRequestFilter {
  status: LinkRequestStatus | '';
  pidsl: string;
}

export function linkRequestsQueryOf(filter: LinkRequestFilter, page: { limit: number; offset: number }): string {
  const params = new URLSearchParams();
  if (filter.status) params.set('status', filter.status);
  if (filter.pidsl) params.set('pidsl', filter.pidsl);
  params.set('limit', String(page.limit));
  params.set('offset', String(page.offset));
  return params.toString();
}

export function fetchLinkRequests(token: string, filter: LinkRequestFilter, page: { limit: number; offset: number }): Promise<Page<LinkRequestView>> {
  return apiJson<Page<LinkRequestView>>(token, `/link-request/link-requests?${linkRequestsQueryOf(filter, page)}`);
}

export function fetchLinkRequest(token: string, requestId: string): Promise<LinkRequestView> {
  return apiJson<LinkRequestView>(token, `/link-request/link-requests/${encodeURIComponent(requestId)}`);
}
