import type { LinkRequestProcessedV1 } from '@rosterlink/contracts';

/** `link-request.processed.v1`: an approved link for Harbor Family Medicine; override fields for the other kinds. */
export function linkRequestProcessed(overrides: Partial<LinkRequestProcessedV1> = {}): LinkRequestProcessedV1 {
  return {
    requestId: '6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14',
    kind: 'LINK',
    pidsl: '110000001A',
    groupId: '110000001',
    serviceLocation: 'A',
    provider: { providerId: '210000042', npi: '1234567893', firstName: 'Ana', lastName: 'Souza' },
    decision: 'APPROVED',
    effectiveDate: '2025-03-03',
    recipient: {
      name: 'Harbor Family Medicine',
      address: { line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' },
    },
    decidedAt: '2025-03-12T15:04:00Z',
    ...overrides,
  };
}
