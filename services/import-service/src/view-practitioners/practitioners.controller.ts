import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
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
  @ApiOkResponse({ type: PractitionerPage })
  async list(
    @Param('groupId') groupId: string,
    @Query() query: PractitionerQuery,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<PractitionerPage> {
    const { items, total } = await this.viewPractitioners.list(groupId, query, user);
    return { total, items: items.map(PractitionerView.of) };
  }
}
