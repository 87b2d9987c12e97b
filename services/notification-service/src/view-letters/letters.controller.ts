import { createReadStream } from 'node:fs';
import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiForbiddenResponse,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiPropertyOptional,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { PID_PATTERN } from '@rosterlink/contracts';
import { Page, PageQuery } from '@rosterlink/platform';
import { LETTER_STATUSES, LetterStatus } from '../letter/letter.rules';
import { letterView, ViewLetters } from './view-letters.handler';

export class LetterQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() requestId?: string;
  @ApiPropertyOptional({ example: '110000001' }) @IsOptional() @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' }) groupId?: string;
  @ApiPropertyOptional({ enum: LETTER_STATUSES }) @IsOptional() @IsIn(LETTER_STATUSES) status?: LetterStatus;
}

@ApiTags('letters')
@ApiBearerAuth()
@Controller('letters')
export class LettersController {
  constructor(private readonly viewLetters: ViewLetters) {}

  @Get()
  @ApiOperation({
    summary: 'List letters',
    description:
      'Decision letters, optionally of one link request, group or status. A provider user sees the letters of the PID/SLs granted ' +
      'to them; back office and admins see every letter.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ letterId, requestId, status, recipient: { name, address }, createdAt, sentAt }`' })
  @ApiBadRequestResponse({ description: 'a malformed filter (requestId, groupId, status) or paging parameter' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'a groupId outside the caller’s grants (as for a group that does not exist)' })
  async list(@Query() query: LetterQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<ReturnType<typeof letterView>>> {
    return this.viewLetters.list(query, user);
  }

  @Get(':letterId/pdf')
  @ApiOperation({
    summary: 'Get a letter’s PDF',
    description: 'The rendered letter as a PDF, for the back office or a provider user granted the letter’s PID/SL.',
  })
  @ApiProduces('application/pdf')
  @ApiOkResponse({ description: 'the PDF' })
  @ApiBadRequestResponse({ description: 'the letter id is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such letter, or its PID/SL is outside the caller’s grants' })
  @ApiConflictResponse({ description: 'the letter is not rendered yet' })
  async pdf(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const path = await this.viewLetters.pdfPath(letterId, user);
    return new StreamableFile(createReadStream(path), { type: 'application/pdf', disposition: `inline; filename="letter-${letterId}.pdf"` });
  }

  /** The resend audit of one letter, newest first (back office). */
  @Get(':letterId/resends')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({
    summary: 'List a letter’s resends',
    description: 'The resend audit of one letter, newest first: who asked, when, and the status and error it had before. Back office or admin.',
  })
  @ApiOkResponse({ description: '`{ items, total }` of `{ requestedBy, requestedAt, previousStatus, previousError }`' })
  @ApiBadRequestResponse({ description: 'the letter id is not a UUID' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  @ApiNotFoundResponse({ description: 'no such letter' })
  async resends(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.viewLetters.resends(letterId, user);
  }
}
