import { IsIn, IsISO8601, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PRACTITIONER_STATUSES, PractitionerStatus, PROVIDER_TYPES, ProviderType } from '../domain-codes';
import { AFFILIATION_CHANGES, AffiliationChange, CASE_NUMBER_PATTERN } from '../event-codes';
import { PID_PATTERN, SERVICE_LOCATION_PATTERN } from '../identifiers';
import { IsNpi } from '../validators';
import { CALENDAR_DATE_PATTERN } from '../business-time';


/**
 * `practitioner.affiliated.v1` — a roster import added a practitioner to a group location,
 * updated one, or ended one. One event per practitioner per case. Key: the group PID.
 */
export class PractitionerAffiliatedV1 {
  @Matches(PID_PATTERN) groupId: string;
  @Matches(SERVICE_LOCATION_PATTERN) serviceLocation: string;
  @IsNpi() npi: string;
  @IsString() @Length(1, 50) firstName: string;
  @IsString() @Length(1, 50) lastName: string;
  @IsIn(PROVIDER_TYPES) providerType: ProviderType;
  @IsIn(AFFILIATION_CHANGES) change: AffiliationChange;
  @IsIn(PRACTITIONER_STATUSES) status: PractitionerStatus;
  @Matches(CALENDAR_DATE_PATTERN) effectiveDate: string;
  @IsOptional() @Matches(CALENDAR_DATE_PATTERN) endDate?: string;
  @Matches(CASE_NUMBER_PATTERN) caseNumber: string;
  @IsISO8601({ strict: true }) affiliatedAt: string;
}
