import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { ResendLetter } from './resend-letter.handler';

@ApiTags('letters')
@ApiBearerAuth()
@Controller('letters')
export class ResendLetterController {
  constructor(private readonly resendLetter: ResendLetter) {}

  /** Renders and delivers the letter again (a FAILED one, or one returned by the post office); audited. */
  @Post(':letterId/resend')
  @HttpCode(202)
  @RequireRoles(...BACK_OFFICE_ROLES)
  async resend(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.resendLetter.execute(letterId, user);
  }
}
