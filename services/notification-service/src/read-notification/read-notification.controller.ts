import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ReadNotification } from './read-notification.handler';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class ReadNotificationController {
  constructor(private readonly readNotification: ReadNotification) {}

  @Post(':notificationId/read')
  @HttpCode(204)
  async markRead(@Param('notificationId', new ParseUUIDPipe()) notificationId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.readNotification.execute(notificationId, user);
  }
}
