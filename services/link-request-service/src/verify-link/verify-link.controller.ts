import { Controller, Get, Query } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { IsCalendarDate } from '@rosterlink/platform';
import { PIDSL_PATTERN } from '@rosterlink/contracts';
import { VerifyLink } from './verify-link.handler';

export class VerifyLinkQuery {
  @ApiProperty({ example: '110000001A' }) @Matches(PIDSL_PATTERN, { message: 'pidsl must look like 110000001A' }) pidsl: string;
  @ApiProperty({ example: '1234567893' }) @Matches(/^\d{10}$/, { message: 'npi must be 10 digits' }) npi: string;
  @ApiProperty({ example: '2026-12-15' }) @IsCalendarDate() date: string;
}

/** The question a claims system asks before it pays: was this rendering provider linked here on that date? */
@ApiTags('links')
@ApiBearerAuth()
@Controller('links')
export class VerifyLinkController {
  constructor(private readonly verifyLink: VerifyLink) {}

  @Get('verify')
  @ApiOperation({
    summary: 'Verify a link on a date',
    description: 'Was this rendering provider (NPI) linked to this PID/SL on that date? `{ linked, link? }`: the question a claims system asks.',
  })
  @ApiOkResponse({ description: '`{ linked: boolean, link? }`' })
  @ApiBadRequestResponse({ description: 'a malformed pidsl, npi or date (details name the field)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'the PID/SL is outside the caller’s grants' })
  verify(@Query() { pidsl, npi, date }: VerifyLinkQuery, @CurrentUser() user: AuthenticatedUser) {
    return this.verifyLink.execute(user, pidsl, npi, date);
  }
}
