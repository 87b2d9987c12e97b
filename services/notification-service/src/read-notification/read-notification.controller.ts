import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNoContentResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ReadNotification } from './read-notification.handler';

@ApiTags('notifications')
@ApiBearerAuth()
@Controller('notifications')
export class ReadNotificationController {
  constructor(private readonly readNotification: ReadNotification) {}

  @Post(':notificationId/read')
  @HttpCode(204)
  @ApiOperation({
    summary: 'Mark a notification read',
    description: 'Marks one of the caller’s notifications read; marking it again changes nothing.',
  })
  @ApiNoContentResponse({ description: 'the notification is read' })
  @ApiBadRequestResponse({ description: 'the notification id is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such notification, or not one the caller may see' })
  async markRead(@Param('notificationId', new ParseUUIDPipe()) notificationId: string, @CurrentUser() user: AuthenticatedUser): Promise<void> {
    await this.readNotification.execute(notificationId, user);
  }
}
