import { Controller, HttpCode, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'Resend a letter',
    description:
      'Renders and delivers the letter again (a FAILED one, or one returned by the post office), in the background; the resend is ' +
      'audited (`GET /letters/{letterId}/resends`). Back office or admin.',
  })
  @ApiAcceptedResponse({ description: 'the letter is PENDING again' })
  @ApiBadRequestResponse({ description: 'the letter id is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  @ApiNotFoundResponse({ description: 'no such letter' })
  @ApiConflictResponse({ description: 'the letter is being rendered or delivered: only a SENT or FAILED letter can be resent' })
  async resend(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.resendLetter.execute(letterId, user);
  }
}
