import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { PageQuery } from '@rosterlink/platform';
import { ViewNotifications } from './view-notifications.handler';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class NotificationsController {
  constructor(private readonly viewNotifications: ViewNotifications) {}

  /** The caller's notifications, newest first, with how many are unread. */
  @Get()
  @ApiOperation({
    summary: 'List the caller’s notifications',
    description: 'The caller’s notifications (roster-import results; SLA alerts for the back office), newest first, with how many are unread.',
  })
  @ApiOkResponse({ description: '`{ items, total, unreadCount }`' })
  @ApiBadRequestResponse({ description: 'a malformed paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.viewNotifications.execute(page, user);
  }
}
