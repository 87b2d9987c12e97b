import type { IndividualUpsertedV1, LinkRequestProcessedV1, PractitionerAffiliatedV1 } from '@rosterlink/contracts';

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

/** What a roster case states, in `practitioner.affiliated.v1`, of one practitioner at one location. */
export type AffiliationStatement = Pick<PractitionerAffiliatedV1, 'groupId' | 'serviceLocation' | 'change' | 'effectiveDate' | 'endDate' | 'caseNumber' | 'affiliatedAt'>;

/** `practitioner.affiliated.v1` for `who`, as import-service announces it (the status follows the change). */
export function practitionerAffiliated(who: IndividualUpsertedV1, statement: AffiliationStatement): PractitionerAffiliatedV1 {
  const { endDate, ...rest } = statement;
  return {
    ...rest,
    npi: who.npi,
    firstName: who.firstName,
    lastName: who.lastName,
    providerType: who.providerType,
    status: statement.change === 'TERMINATED' ? 'TERMINATED' : 'SUBMITTED',
    ...(endDate ? { endDate } : {}),
  };
}
