import { Controller, Get, NotFoundException, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { InjectRepository } from '@nestjs/typeorm';
import { IsIn, IsOptional, IsString, Length, Matches } from 'class-validator';
import { Repository } from 'typeorm';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { PRACTITIONER_STATUSES, PractitionerStatus, ProviderType, SERVICE_LOCATION_PATTERN } from '@rosterlink/contracts';
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

export class PractitionerView {
  @ApiProperty() npi: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty() providerType: ProviderType;
  @ApiProperty() serviceLocation: string;
  @ApiProperty() effectiveDate: string;
  @ApiProperty({ nullable: true, type: String }) endDate: string | null;
  @ApiProperty({ enum: PRACTITIONER_STATUSES }) status: PractitionerStatus;
}

export class PractitionerPage {
  @ApiProperty({ type: [PractitionerView] }) items: PractitionerView[];
  @ApiProperty() total: number;
}

/** The group record's practitioners tab: what roster imports created, with their status. */
@ApiTags('practitioners')
@ApiBearerAuth()
@Controller('groups/:groupId/practitioners')
export class PractitionersController {
  constructor(@InjectRepository(Practitioner) private readonly practitioners: Repository<Practitioner>) {}

  @Get()
  @ApiOkResponse({ type: PractitionerPage })
  async list(
    @Param('groupId') groupId: string,
    @Query() query: PractitionerQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PractitionerPage> {
    if (!user.canActForGroup(groupId)) throw new NotFoundException(`Group ${groupId} not found`);
    const builder = this.practitioners
      .createQueryBuilder('p')
      .where('p.group_id = :groupId', { groupId })
      .orderBy('lower(p.last_name)')
      .addOrderBy('lower(p.first_name)')
      .addOrderBy('p.npi')
      .take(query.limit)
      .skip(query.offset);
    if (query.status) builder.andWhere('p.status = :status', { status: query.status });
    if (query.serviceLocation) builder.andWhere('p.service_location = :sl', { sl: query.serviceLocation });
    if (query.search) {
      const prefix = `${query.search.trim().toLowerCase().replace(/[\\%_]/g, '\\$&')}%`;
      builder.andWhere('(lower(p.last_name) LIKE :prefix OR lower(p.first_name) LIKE :prefix OR p.npi LIKE :prefix)', { prefix });
    }
    const [rows, total] = await builder.getManyAndCount();
    return {
      total,
      items: rows.map((p) => ({
        npi: p.npi,
        firstName: p.firstName,
        lastName: p.lastName,
        providerType: p.providerType,
        serviceLocation: p.serviceLocation,
        effectiveDate: p.effectiveDate,
        endDate: p.endDate,
        status: p.status,
      })),
    };
  }
}
