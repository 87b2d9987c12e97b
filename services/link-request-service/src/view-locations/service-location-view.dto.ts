import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, Matches } from 'class-validator';
import { PID_PATTERN, PIDSL_PATTERN, PROVIDER_TYPES, ProviderType } from '@rosterlink/contracts';
import { PageQuery } from '@rosterlink/platform';
import { SERVICING_LINK_SOURCES, type ServiceLocation, type ServicingLinkSource, type ServicingProvider } from '@rosterlink/contracts';

export class ServiceLocationQuery extends PageQuery {
  @ApiPropertyOptional({ example: '110000001', description: "only this group's locations" })
  @IsOptional() @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' })
  groupId?: string;
}

export class LocationParams {
  @ApiProperty({ example: '110000001A' })
  @Matches(PIDSL_PATTERN, { message: 'pidsl must be a 9-digit provider ID followed by a service-location letter' })
  pidsl: string;
}

/** A row of the List of Locations. */
export class ServiceLocationView implements ServiceLocation {
  @ApiProperty({ example: '110000001A' }) pidsl: string;
  @ApiProperty({ example: '110000001' }) groupId: string;
  @ApiProperty({ example: 'A' }) serviceLocation: string;
  @ApiProperty({ nullable: true, type: String, example: 'Main office' }) locationName: string | null;
  @ApiProperty({ example: 'Harbor Family Medicine LLC' }) groupName: string;
  @ApiProperty({ example: 'Harbor Family Medicine' }) dbaName: string;
}

export class ServiceLocationPage {
  @ApiProperty({ type: [ServiceLocationView] }) items: ServiceLocationView[];
  @ApiProperty() total: number;
}

/** A row of the List of Servicing Providers: one link period of one provider. */
export class ServicingProviderView implements ServicingProvider {
  @ApiProperty({ nullable: true, type: String, description: 'null when the provider master does not know the NPI' })
  providerId: string | null;
  @ApiProperty() npi: string;
  @ApiProperty({ nullable: true, type: String, description: 'the provider master’s, else as the roster that added the practitioner named them' })
  firstName: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'the provider master’s, else as the roster that added the practitioner named them' })
  lastName: string | null;
  @ApiProperty({ nullable: true, enum: PROVIDER_TYPES }) providerType: ProviderType | null;
  @ApiProperty({ example: '2027-01-04' }) effectiveDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ description: 'linked today (America/New_York)' }) active: boolean;
  @ApiProperty({ enum: SERVICING_LINK_SOURCES, description: 'what last set the dates' }) source: ServicingLinkSource;
  @ApiProperty({ description: 'roster-import case number or link request id' }) sourceReference: string;
}

export class ServicingProviderPage {
  @ApiProperty({ type: [ServicingProviderView] }) items: ServicingProviderView[];
  @ApiProperty() total: number;
}
