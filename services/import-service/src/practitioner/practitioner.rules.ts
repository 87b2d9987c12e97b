import type { AuthenticatedUser } from '@rosterlink/auth';
import type {
  AffiliationChange,
  ImportType,
  PractitionerAffiliatedV1,
  PractitionerStatus,
  ProviderType,
} from '@rosterlink/contracts';
import { practitionerStatusFor } from '@rosterlink/roster';
import type { PractitionerRecordField } from './practitioner.columns';

/**
 * What a roster import decides about a group's practitioners, without a database: the status a
 * roster row gives, what each row changes, what `practitioner.affiliated.v1` says of it, and the
 * wording of the checks made over the staged rows. Those checks run set-based in SQL (the staged
 * rows of a 100,000-row roster are never read back into Node); their words are here, as PostgreSQL
 * `format()` templates the statements fill.
 */

/**
 * The status a row gives its practitioner, as [not credentialed, credentialed] in the provider
 * master: TERMINATED for a termination; otherwise by the credentialing rule (the provider type needs
 * credentialing, by configuration, and the provider master does not record the practitioner as
 * credentialed). Which of the two applies is known only when applying.
 */
export type ImportedStatuses = readonly [status: PractitionerStatus, statusIfCredentialed: PractitionerStatus];

const TERMINATED: ImportedStatuses = ['TERMINATED', 'TERMINATED'];

/** How a roster of `importType` sets the status of each row (one function per import, called per row). */
export function importedStatusRule(
  importType: ImportType,
  credentialingRequired: ReadonlySet<ProviderType>,
): (providerType: ProviderType) => ImportedStatuses {
  if (importType === 'TERMINATE') return () => TERMINATED;
  return (providerType) => [
    practitionerStatusFor(providerType, false, credentialingRequired),
    practitionerStatusFor(providerType, true, credentialingRequired),
  ];
}

/** What a row changes: a termination ends the practitioner; otherwise it adds one, or updates one the group has. */
export function affiliationChange(importType: ImportType, existed: boolean): AffiliationChange {
  if (importType === 'TERMINATE') return 'TERMINATED';
  return existed ? 'UPDATED' : 'ADDED';
}

/** The roster details `practitioner.affiliated.v1` carries as the practitioner record has them (endDate only when set). */
export const ANNOUNCED_FIELDS = [
  'serviceLocation',
  'npi',
  'firstName',
  'lastName',
  'providerType',
  'effectiveDate',
] as const satisfies readonly (PractitionerRecordField & keyof PractitionerAffiliatedV1)[];

/** The practitioner as `practitioner.affiliated.v1` tells of it: the record after the import. */
export interface AnnouncedPractitioner {
  groupId: string;
  serviceLocation: string;
  npi: string;
  firstName: string;
  lastName: string;
  providerType: ProviderType;
  status: PractitionerStatus;
  effectiveDate: string;
  endDate: string | null;
}

/** The case that announces a change, and when. */
export interface AffiliationStatement {
  change: AffiliationChange;
  caseNumber: string;
  affiliatedAt: string;
}

/**
 * `practitioner.affiliated.v1` of one practitioner. Imports build the same payload in SQL for every
 * row at once (RosterStaging.affiliationEvents); the integration test holds the two equal.
 */
export function affiliationAnnouncement(practitioner: AnnouncedPractitioner, statement: AffiliationStatement): PractitionerAffiliatedV1 {
  return {
    groupId: practitioner.groupId,
    serviceLocation: practitioner.serviceLocation,
    npi: practitioner.npi,
    firstName: practitioner.firstName,
    lastName: practitioner.lastName,
    providerType: practitioner.providerType,
    change: statement.change,
    status: practitioner.status,
    effectiveDate: practitioner.effectiveDate,
    caseNumber: statement.caseNumber,
    affiliatedAt: statement.affiliatedAt,
    ...(practitioner.endDate === null ? {} : { endDate: practitioner.endDate }),
  };
}

/** A problem found over the staged rows: the template column, code and `format()` message (its `%s` filled in order). */
export interface StagedRowRefusal {
  column: string;
  code: string;
  message: string;
}

/**
 * "An NPI appears once in a roster file", worded as libs/roster's DuplicateNpiCheck words it: every
 * later row of an NPI names the first row (`%s`: NPI, first row, and `where`, which is empty when
 * the first row had no service location).
 */
export const DUPLICATE_NPI = {
  column: 'NPI',
  code: 'DUPLICATE_NPI',
  message: 'NPI %s is already on row %s%s; a practitioner may appear only once in a roster file.',
  where: ' (Service Location %s)',
} as const satisfies StagedRowRefusal & { where: string };

/**
 * A TERMINATE row ends a practitioner the group has, where it has them, and not before they joined.
 * In that order of precedence: the first that fails is the row's one error.
 */
export const TERMINATION_REFUSALS = {
  /** `%s`: the row's NPI. */
  notInGroup: {
    column: 'NPI',
    code: 'NOT_IN_GROUP',
    message: 'NPI %s is not a practitioner of this group, so it cannot be terminated',
  },
  /** `%s`: the row's end date, the practitioner's effective date (YYYY-MM-DD). */
  endBeforeAffiliation: {
    column: 'End Date',
    code: 'END_BEFORE_AFFILIATION',
    message: "End Date %s is before this practitioner's effective date %s",
  },
  /** `%s`: the NPI, the service location the group has them at. */
  wrongServiceLocation: {
    column: 'Service Location',
    code: 'WRONG_SERVICE_LOCATION',
    message: 'NPI %s is at Service Location %s, not the one given',
  },
} as const satisfies Record<string, StagedRowRefusal>;

/** Who may see a group's practitioners: the back office, or a user granted the group. */
export function canSeePractitionersOf(user: AuthenticatedUser, groupId: string): boolean {
  return user.canActForGroup(groupId);
}

/** The practitioners API's answer for a group the caller may not act for (404: it does not exist for them). */
export const practitionerRefusals = {
  groupNotFound: (groupId: string) => `Group ${groupId} not found`,
} as const;
