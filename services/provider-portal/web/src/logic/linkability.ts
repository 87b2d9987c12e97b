import { notLinkableReason, type ProviderType } from '@rosterlink/contracts/browser';

/**
 * How Search for Provider and Service Provider Detail show whether a provider can be linked: the job aid
 * is "not intended for" LTSS, Dentist and ORP providers. The reason is the contract's one wording
 * (`notLinkableReason`), the same the service gives when it refuses such a request.
 */
export interface LinkabilityDisplay {
  linkable: boolean;
  /** The column's words: "Yes", or "No". */
  label: string;
  /** Why not, and where to go instead; null when it can be linked. */
  reason: string | null;
}

export function linkabilityOf(provider: { providerType: ProviderType; linkable?: boolean; notLinkableReason?: string }): LinkabilityDisplay {
  const reason = notLinkableReason(provider.providerType) ?? (provider.linkable === false ? (provider.notLinkableReason ?? null) : null);
  if (reason) return { linkable: false, label: 'No', reason };
  if (provider.linkable === false)
    return {
      linkable: false,
      label: 'No',
      reason: 'This provider cannot be linked through this portal',
    };
  return { linkable: true, label: 'Yes', reason: null };
}

const PROVIDER_TYPE_NAMES: Partial<Record<ProviderType, string>> = {
  LTSS: 'Long-Term Services and Supports (LTSS)',
  DENTAL: 'Dentist',
  ORP: 'Ordering, referring and prescribing (ORP)',
};

/** A provider type in words: `NURSE_PRACTITIONER` → "Nurse practitioner". */
export function providerTypeLabel(providerType: ProviderType | null): string {
  if (!providerType) return 'Not known';
  const named = PROVIDER_TYPE_NAMES[providerType];
  if (named) return named;
  const words = providerType.replace(/_/g, ' ').toLowerCase();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** "Last, First" as the lists show a provider; "Name not known" when neither is held. */
export function providerNameOf(provider: { firstName: string | null; lastName: string | null }): string {
  const parts = [provider.lastName, provider.firstName].filter((p): p is string => Boolean(p?.trim()));
  return parts.length > 0 ? parts.join(', ') : 'Name not known';
}
