import { PROVIDER_TYPES, type ProviderType } from '@rosterlink/contracts/browser';
import { DEFAULT_CREDENTIALING_REQUIRED, practitionerStatusFor } from './credentialing';

const REQUIRED: ProviderType[] = [
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
];

describe('credentialing', () => {
  it('requires credentialing by default for exactly the ten types of the contract', () => {
    expect([...DEFAULT_CREDENTIALING_REQUIRED].sort()).toEqual([...REQUIRED].sort());
  });

  it.each(REQUIRED)('%s waits for CAQH unless the provider master has them credentialed', (type) => {
    expect(practitionerStatusFor(type, false)).toBe('WAITING_FOR_CAQH');
    expect(practitionerStatusFor(type, true)).toBe('SUBMITTED');
  });

  it.each(PROVIDER_TYPES.filter((t) => !REQUIRED.includes(t)))('%s is submitted', (type) => {
    expect(practitionerStatusFor(type, false)).toBe('SUBMITTED');
    expect(practitionerStatusFor(type, true)).toBe('SUBMITTED');
  });

  it('takes the table as configuration', () => {
    const table = new Set<ProviderType>(['DIETITIAN']);
    expect(practitionerStatusFor('DIETITIAN', false, table)).toBe('WAITING_FOR_CAQH');
    expect(practitionerStatusFor('PHYSICIAN', false, table)).toBe('SUBMITTED');
  });
});
