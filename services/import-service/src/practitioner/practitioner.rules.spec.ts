import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate } from 'class-validator';
import { AuthenticatedUser } from '@rosterlink/auth';
import { PractitionerAffiliatedV1 } from '@rosterlink/contracts';
import { createDuplicateNpiCheck, DEFAULT_CREDENTIALING_REQUIRED, RowError } from '@rosterlink/roster';
import {
  affiliationAnnouncement,
  affiliationChange,
  AnnouncedPractitioner,
  ANNOUNCED_FIELDS,
  canSeePractitionersOf,
  DUPLICATE_NPI,
  importedStatusRule,
  practitionerRefusals,
  TERMINATION_REFUSALS,
} from './practitioner.rules';

/** PostgreSQL's `format()` with `%s` only, as the staging statements use the templates. */
function format(template: string, ...values: (string | number)[]): string {
  let next = 0;
  return template.replace(/%s/g, () => String(values[next++]));
}

const practitioner: AnnouncedPractitioner = {
  groupId: '110000001',
  serviceLocation: 'A',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN',
  status: 'WAITING_FOR_CAQH',
  effectiveDate: '2027-01-04',
  endDate: null,
};
const statement = { change: 'ADDED', caseNumber: 'RI-2026-000042', affiliatedAt: '2026-11-24T15:00:00.000Z' } as const;
const strictly = { whitelist: true, forbidNonWhitelisted: true };

describe('practitioner rules', () => {
  it('gives a practitioner of a type needing credentialing WAITING_FOR_CAQH unless credentialed, others SUBMITTED', () => {
    const statusesOf = importedStatusRule('ADD_UPDATE', DEFAULT_CREDENTIALING_REQUIRED);
    expect(statusesOf('PHYSICIAN')).toEqual(['WAITING_FOR_CAQH', 'SUBMITTED']);
    expect(statusesOf('PHYSICAL_THERAPIST')).toEqual(['SUBMITTED', 'SUBMITTED']);
    // Configuration decides which types need credentialing.
    expect(importedStatusRule('ADD_UPDATE', new Set(['PHYSICAL_THERAPIST']))('PHYSICAL_THERAPIST')).toEqual(['WAITING_FOR_CAQH', 'SUBMITTED']);
  });

  it('gives every row of a termination TERMINATED, credentialed or not', () => {
    expect(importedStatusRule('TERMINATE', DEFAULT_CREDENTIALING_REQUIRED)('PHYSICIAN')).toEqual(['TERMINATED', 'TERMINATED']);
  });

  it('adds a practitioner the group lacks, updates one it has, and terminates on a termination', () => {
    expect(affiliationChange('ADD_UPDATE', false)).toBe('ADDED');
    expect(affiliationChange('ADD_UPDATE', true)).toBe('UPDATED');
    expect(affiliationChange('TERMINATE', true)).toBe('TERMINATED');
    expect(affiliationChange('TERMINATE', false)).toBe('TERMINATED');
  });

  it('announces a practitioner as practitioner.affiliated.v1 allows, endDate only when there is one', async () => {
    const added = affiliationAnnouncement(practitioner, statement);
    expect(added).toEqual({ ...practitioner, endDate: undefined, ...statement });
    expect('endDate' in added).toBe(false);
    const ended = affiliationAnnouncement(
      { ...practitioner, status: 'TERMINATED', endDate: '2027-06-30' },
      { ...statement, change: 'TERMINATED' },
    );
    expect(ended).toMatchObject({ endDate: '2027-06-30', status: 'TERMINATED', change: 'TERMINATED' });
    for (const event of [added, ended]) {
      expect(await validate(plainToInstance(PractitionerAffiliatedV1, event), strictly)).toEqual([]);
    }
  });

  it('fills every field of practitioner.affiliated.v1, the details the SQL builder copies among them', () => {
    const contractFields = new Set(
      getMetadataStorage()
        .getTargetValidationMetadatas(PractitionerAffiliatedV1, '', true, false)
        .map((m) => m.propertyName),
    );
    const built = affiliationAnnouncement({ ...practitioner, endDate: '2027-06-30' }, statement);
    expect(new Set(Object.keys(built))).toEqual(contractFields);
    for (const field of ANNOUNCED_FIELDS) expect([field, built[field]]).toEqual([field, practitioner[field]]);
  });

  it('words a repeated NPI exactly as libs/roster does', () => {
    for (const firstLocation of ['A', '']) {
      const errors: RowError[] = [];
      const check = createDuplicateNpiCheck();
      check.check('1234567893', firstLocation, 2, errors);
      check.check('1234567893', 'B', 9, errors);
      const where = firstLocation ? format(DUPLICATE_NPI.where, firstLocation) : '';
      expect(errors).toEqual([
        { row: 9, column: DUPLICATE_NPI.column, code: DUPLICATE_NPI.code, message: format(DUPLICATE_NPI.message, '1234567893', 2, where) },
      ]);
    }
  });

  it('words the refusals of a termination as the case errors always showed them', () => {
    const { notInGroup, endBeforeAffiliation, wrongServiceLocation } = TERMINATION_REFUSALS;
    expect([notInGroup.column, notInGroup.code, format(notInGroup.message, '1234567893')]).toEqual([
      'NPI',
      'NOT_IN_GROUP',
      'NPI 1234567893 is not a practitioner of this group, so it cannot be terminated',
    ]);
    expect([endBeforeAffiliation.column, endBeforeAffiliation.code, format(endBeforeAffiliation.message, '2026-12-31', '2027-01-04')]).toEqual([
      'End Date',
      'END_BEFORE_AFFILIATION',
      "End Date 2026-12-31 is before this practitioner's effective date 2027-01-04",
    ]);
    expect([wrongServiceLocation.column, wrongServiceLocation.code, format(wrongServiceLocation.message, '1234567893', 'B')]).toEqual([
      'Service Location',
      'WRONG_SERVICE_LOCATION',
      'NPI 1234567893 is at Service Location B, not the one given',
    ]);
  });

  it("shows a group's practitioners to the back office and to users of the group only", () => {
    expect(canSeePractitionersOf(new AuthenticatedUser('u2', 'Bo', ['back-office'], []), '120000002')).toBe(true);
    const provider = new AuthenticatedUser('u1', 'Ana', ['provider'], ['110000001B']);
    expect(canSeePractitionersOf(provider, '110000001')).toBe(true);
    expect(canSeePractitionersOf(provider, '110000002')).toBe(false);
    expect(practitionerRefusals.groupNotFound('110000002')).toBe('Group 110000002 not found');
  });
});
