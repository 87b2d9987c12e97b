import type { PractitionerStatus, ProviderType } from '@rosterlink/contracts/browser';

/** Provider types that need credentialing unless the provider master records them as credentialed (CONTRACT.md). */
export const DEFAULT_CREDENTIALING_REQUIRED: ReadonlySet<ProviderType> = new Set<ProviderType>([
  'PHYSICIAN',
  'NURSE_PRACTITIONER',
  'PHYSICIAN_ASSISTANT',
  'NURSE_MIDWIFE',
  'PSYCHOLOGIST',
  'CLINICAL_SOCIAL_WORKER',
  'MENTAL_HEALTH_COUNSELOR',
  'PODIATRIST',
  'OPTOMETRIST',
  'CHIROPRACTOR',
]);

/**
 * The status of a practitioner added by a roster: WAITING_FOR_CAQH when the provider type needs
 * credentialing and the provider master does not already record the practitioner as credentialed,
 * SUBMITTED otherwise. The table is configuration: pass another set to override the default.
 */
export function practitionerStatusFor(
  providerType: ProviderType,
  credentialedInProviderMaster: boolean,
  credentialingRequired: ReadonlySet<ProviderType> = DEFAULT_CREDENTIALING_REQUIRED,
): Extract<PractitionerStatus, 'WAITING_FOR_CAQH' | 'SUBMITTED'> {
  return credentialingRequired.has(providerType) && !credentialedInProviderMaster ? 'WAITING_FOR_CAQH' : 'SUBMITTED';
}
