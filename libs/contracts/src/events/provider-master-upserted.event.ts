import { Type } from 'class-transformer';
import {
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateNested,
  ArrayMinSize,
} from 'class-validator';
import { PID_PATTERN, SERVICE_LOCATION_PATTERN } from '../identifiers';
import { IsNpi } from '../validators';
import { PROVIDER_TYPES, ProviderType } from '../domain-codes';

/**
 * `provider-master.upserted.v1` — written by upstream (MMIS) and the demo seed loader.
 * Its fields are fixed by CONTRACT.md; unknown fields are ignored, and a record older
 * than the one a consumer holds (`updatedAt`) is ignored.
 */
export class PostalAddress {
  @IsString() @Length(1, 100) line1: string;
  @IsOptional() @IsString() @Length(0, 100) line2?: string;
  @IsString() @Length(1, 60) city: string;
  @Matches(/^[A-Z]{2}$/) state: string;
  @Matches(/^\d{5}(-\d{4})?$/) zip: string;
}

export class ServiceLocationRecord {
  @Matches(SERVICE_LOCATION_PATTERN) sl: string;
  @IsOptional() @IsString() @Length(1, 100) name?: string;
}

export class GroupUpsertedV1 {
  @IsIn(['GROUP']) kind: 'GROUP';
  @Matches(PID_PATTERN) pid: string;
  @IsString() @Length(1, 200) name: string;
  @IsString() @Length(1, 200) dbaName: string;
  @IsDefined() @ValidateNested() @Type(() => PostalAddress) dbaAddress: PostalAddress;
  /** The e-mail address on file for correspondence; letters go there by e-mail when SMTP is configured. */
  @IsOptional() @IsEmail() @Length(3, 254) correspondenceEmail?: string;
  @IsArray() @ArrayMinSize(1) @ValidateNested({ each: true }) @Type(() => ServiceLocationRecord)
  serviceLocations: ServiceLocationRecord[];
  @IsISO8601({ strict: true }) updatedAt: string;
}

export class IndividualUpsertedV1 {
  @IsIn(['INDIVIDUAL']) kind: 'INDIVIDUAL';
  @Matches(PID_PATTERN) pid: string;
  @IsNpi() npi: string;
  @IsString() @Length(1, 50) firstName: string;
  @IsString() @Length(1, 50) lastName: string;
  @IsIn(PROVIDER_TYPES) providerType: ProviderType;
  @IsBoolean() credentialed: boolean;
  @IsISO8601({ strict: true }) updatedAt: string;
}

export type ProviderMasterUpsertedV1 = GroupUpsertedV1 | IndividualUpsertedV1;
