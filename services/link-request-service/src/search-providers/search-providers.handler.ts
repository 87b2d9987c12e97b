import { Injectable } from '@nestjs/common';
import { notLinkableReason, type ProviderSearchItem } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import { ProviderFound, ProviderSearchCriteria, ProviderSearchRepository } from '../provider-directory/provider-search.repository';

/** A provider found, with whether the portal may link it and, if not, where to go instead. */
export function withLinkability(provider: ProviderFound): ProviderSearchItem {
  const reason = notLinkableReason(provider.providerType);
  return {
    ...provider,
    linkable: reason === undefined,
    ...(reason === undefined ? {} : { notLinkableReason: reason }),
  };
}

/** Search for Provider: the individual a group wants to link, each flagged linkable or not. */
@Injectable()
export class SearchProviders {
  constructor(private readonly providers: ProviderSearchRepository) {}

  async execute(criteria: ProviderSearchCriteria, page: { limit: number; offset: number }): Promise<Page<ProviderSearchItem>> {
    const found = await this.providers.search(criteria, page);
    return { items: found.items.map(withLinkability), total: found.total };
  }
}
