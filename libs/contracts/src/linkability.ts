import type { ProviderType } from './domain-codes';

/**
 * Which providers the portal may link to a group practice, and, for those it may not, where they
 * must go instead: the one wording of the submit refusal (422 `message`) and of Search for
 * Provider's `notLinkableReason`. Browser-safe (plain constants and functions).
 */
export const NOT_LINKABLE_REASONS = {
  LTSS: 'Long-Term Services and Supports providers cannot be updated here: contact MassHealth LTSS Provider Services at masshealthltss.com',
  DENTAL: 'Dentists cannot be updated here: contact MassHealth Customer Service for Dental Providers at masshealth-dental.net',
  ORP: 'Ordering, referring and prescribing (ORP) providers cannot be linked to a group practice through this portal',
} as const satisfies Partial<Record<ProviderType, string>>;

export type NotLinkableProviderType = keyof typeof NOT_LINKABLE_REASONS;

/** The provider types the portal refuses for group link requests (contract: LTSS, DENTAL, ORP). */
export const NOT_LINKABLE_PROVIDER_TYPES = Object.keys(NOT_LINKABLE_REASONS) as readonly NotLinkableProviderType[];

/** The same list under its first published name (kept: names are never removed). */
export const LINK_EXCLUDED_PROVIDER_TYPES: readonly ProviderType[] = NOT_LINKABLE_PROVIDER_TYPES;

/** Why a provider of this type cannot be linked through the portal, and where to go instead; undefined when it can. */
export function notLinkableReason(providerType: ProviderType): string | undefined {
  return (NOT_LINKABLE_REASONS as Partial<Record<ProviderType, string>>)[providerType];
}

export function isLinkable(providerType: ProviderType): boolean {
  return notLinkableReason(providerType) === undefined;
}
