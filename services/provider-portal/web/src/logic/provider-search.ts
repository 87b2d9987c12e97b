import { isValidNpi, PID_PATTERN } from '@rosterlink/contracts/browser';
import type { ProviderSearchCriteria } from '../link-request-api';

/**
 * Search for Provider (seed 003, step 9): the Provider ID or NPI, or, when those are not at hand, all or part
 * of the name. Not every field is needed; at least one is. Checked here so a typo is named before searching.
 */
export function searchCriteriaProblem(criteria: ProviderSearchCriteria): string | null {
  const providerId = criteria.providerId.trim();
  const npi = criteria.npi.trim();
  const name = criteria.name.trim();
  if (!providerId && !npi && !name) return 'Enter the Provider ID, the NPI or part of the provider’s name, then select Search.';
  if (providerId && !PID_PATTERN.test(providerId)) return `The Provider ID is 9 digits (${providerId} is not). Correct it, or search by NPI or name.`;
  if (npi && !isValidNpi(npi))
    return `${npi} is not a valid NPI: an NPI is 10 digits with a check digit. Correct it, or search by Provider ID or name.`;
  if (name && !/[\p{L}\p{N}]/u.test(name)) return 'Enter at least one letter of the provider’s name.';
  if (name.length > 100) return 'Enter at most 100 characters of the provider’s name.';
  return null;
}

export const EMPTY_SEARCH: ProviderSearchCriteria = {
  providerId: '',
  npi: '',
  name: '',
};
