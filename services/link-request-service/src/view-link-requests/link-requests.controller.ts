import { Controller, Get, Param, ParseUUIDPipe, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsIn, IsOptional, Matches } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { LINK_REQUEST_STATUSES, LinkRequestStatus, PIDSL_PATTERN } from '@rosterlink/contracts';
import { Page, PageQuery } from '@rosterlink/platform';
import { LinkRequestView, ViewLinkRequests } from './view-link-requests.handler';

export class LinkRequestQuery extends PageQuery {
  @ApiPropertyOptional({ enum: LINK_REQUEST_STATUSES })
  @IsOptional()
  @IsIn(LINK_REQUEST_STATUSES)
  status?: LinkRequestStatus;
  @ApiPropertyOptional({ example: '110000001A' })
  @IsOptional()
  @Matches(PIDSL_PATTERN, { message: 'pidsl must look like 110000001A' })
  pidsl?: string;
  @ApiPropertyOptional({
    description: 'only open requests past their due date (true) or not (false)',
  })
  @IsOptional()
  @Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value))
  @IsBoolean()
  overdue?: boolean;
}

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class LinkRequestsController {
  constructor(private readonly view: ViewLinkRequests) {}

  /** The back office's queue, soonest due first. */
  @Get()
  @RequireRoles(...BACK_OFFICE_ROLES)
  list(@Query() query: LinkRequestQuery): Promise<Page<LinkRequestView>> {
    return this.view.queue(query);
  }

  /** One request with its whole history (who did what, when, from which status to which). */
  @Get(':requestId')
  get(@Param('requestId', new ParseUUIDPipe()) requestId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.view.one(requestId, user);
  }
}
