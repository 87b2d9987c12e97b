import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { PRACTITIONER_STATUSES, PractitionerStatus, ProviderType, SERVICE_LOCATION_PATTERN } from '@rosterlink/contracts';
import type * as Contracts from '@rosterlink/contracts';
import { PageQuery } from '@rosterlink/platform';
import { Practitioner } from '../practitioner/practitioner.entity';

export class PractitionerQuery extends PageQuery {
  @ApiPropertyOptional({ enum: PRACTITIONER_STATUSES })
  @IsOptional() @IsIn(PRACTITIONER_STATUSES)
  status?: PractitionerStatus;

  @ApiPropertyOptional({ example: 'A' })
  @IsOptional() @Matches(SERVICE_LOCATION_PATTERN, { message: 'serviceLocation must be one uppercase letter' })
  serviceLocation?: string;

  @ApiPropertyOptional({ description: 'start of a last or first name, or of an NPI' })
  @IsOptional() @IsString() @Length(1, 50)
  search?: string;
}

export class PractitionerView implements Contracts.Practitioner {
  @ApiProperty() npi: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() providerType: ProviderType;
  @ApiProperty() serviceLocation: string;
  @ApiProperty() effectiveDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: PRACTITIONER_STATUSES }) status: PractitionerStatus;

  static of(p: Practitioner): PractitionerView {
    return {
      npi: p.npi,
      firstName: p.firstName,
      lastName: p.lastName,
      providerType: p.providerType,
      serviceLocation: p.serviceLocation,
      effectiveDate: p.effectiveDate,
      endDate: p.endDate,
      status: p.status,
    };
  }
}

export class PractitionerPage {
  @ApiProperty({ type: [PractitionerView] }) items: PractitionerView[];
  @ApiProperty() total: number;
}
