import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
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
  async list(@Query() page: PageQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.viewNotifications.execute(page, user);
  }
}
