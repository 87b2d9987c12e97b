import { Controller, Get, Param, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { PractitionerPage, PractitionerQuery, PractitionerView } from './practitioner-view.dto';
import { ViewPractitioners } from './view-practitioners.handler';

/** The group record's practitioners tab: what roster imports created, with their status. */
@ApiTags('practitioners')
@ApiBearerAuth()
@Controller('groups/:groupId/practitioners')
export class PractitionersController {
  constructor(private readonly viewPractitioners: ViewPractitioners) {}

  @Get()
  @ApiOperation({
    summary: 'List a group’s practitioners',
    description:
      'The practitioners roster imports added to the group, with service location, dates and status (WAITING_FOR_CAQH, SUBMITTED, ' +
      'TERMINATED), optionally filtered by status, service location or name.',
  })
  @ApiOkResponse({ type: PractitionerPage })
  @ApiBadRequestResponse({ description: 'a malformed filter or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'the group is outside the caller’s grants (as for a group that does not exist)' })
  async list(
    @Param('groupId') groupId: string,
    @Query() query: PractitionerQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PractitionerPage> {
    const { items, total } = await this.viewPractitioners.list(groupId, query, user);
    return { total, items: items.map(PractitionerView.of) };
  }
}
