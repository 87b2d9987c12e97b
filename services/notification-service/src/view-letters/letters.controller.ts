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
import { IsIn, IsOptional, IsString, IsUUID, Length, Matches } from 'class-validator';
import { AuthenticatedUser, BACK_OFFICE_ROLES, CurrentUser, RequireRoles } from '@rosterlink/auth';
import { type Letter, LETTER_SORTS, LetterSort, PID_PATTERN } from '@rosterlink/contracts';
import { IsCalendarDate, Page, PageQuery } from '@rosterlink/platform';
import { LETTER_STATUSES, LetterStatus } from '../letter/letter.rules';
import { LetterSummary, ViewLetters } from './view-letters.handler';

export class LetterQuery extends PageQuery {
  @ApiPropertyOptional() @IsOptional() @IsUUID() requestId?: string;
  @ApiPropertyOptional({ example: '110000001' }) @IsOptional() @Matches(PID_PATTERN, { message: 'groupId must be a 9-digit provider ID' }) groupId?: string;
  @ApiPropertyOptional({ enum: LETTER_STATUSES }) @IsOptional() @IsIn(LETTER_STATUSES) status?: LetterStatus;

  @ApiPropertyOptional({ description: 'a letter id or request id (UUID): that letter; otherwise text the recipient name contains (any case)' })
  @IsOptional() @IsString() @Length(1, 100, { message: 'q must be 1 to 100 characters' })
  q?: string;

  @ApiPropertyOptional({ description: 'the letters about that practitioner’s requests (10 digits)', example: '1234567893' })
  @IsOptional() @Matches(/^\d{10}$/, { message: 'npi must be 10 digits' })
  npi?: string;

  @ApiPropertyOptional({ description: 'created on or after this business date (YYYY-MM-DD, America/New_York)', example: '2026-11-01' })
  @IsOptional() @IsCalendarDate()
  createdFrom?: string;

  @ApiPropertyOptional({ description: 'created on or before this business date (YYYY-MM-DD, America/New_York)', example: '2026-11-30' })
  @IsOptional() @IsCalendarDate()
  createdTo?: string;

  @ApiPropertyOptional({ enum: LETTER_SORTS, default: '-createdAt', description: 'newest first (default), oldest first, by status' })
  @IsOptional() @IsIn(LETTER_SORTS)
  sort: LetterSort = '-createdAt';
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
      'Decision letters matching the filters (link request, group, status; `q`: a letter or request id, otherwise text the recipient ' +
      'name contains; `npi`: the letters about that practitioner’s requests; `createdFrom`/`createdTo`: business dates, inclusive), in ' +
      '`sort` order (newest first by default); `total` counts every match. A provider user sees the letters of the PID/SLs granted ' +
      'to them; back office and admins see every letter.',
  })
  @ApiOkResponse({
    description:
      '`{ items, total }` of `{ letterId, requestId, kind, pidsl, status, npi, providerName, recipient: { name, address }, channel, error, createdAt, sentAt }`',
  })
  @ApiBadRequestResponse({
    description: 'a malformed filter (requestId, groupId, status, q, npi, createdFrom, createdTo, sort), createdFrom after createdTo, or a bad paging parameter',
  })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'a groupId outside the caller’s grants (as for a group that does not exist)' })
  async list(@Query() query: LetterQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<Letter>> {
    return this.viewLetters.list(query, user);
  }

  /** Declared before the `:letterId` routes. */
  @Get('summary')
  @RequireRoles(...BACK_OFFICE_ROLES)
  @ApiOperation({ summary: 'Count letters by status', description: 'Every letter, counted by status (every status listed, zero when none). Back office or admin.' })
  @ApiOkResponse({ description: '`{ total, byStatus: { PENDING, RENDERED, SENT, FAILED } }`' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiForbiddenResponse({ description: 'the caller is neither back office nor an admin' })
  async summary(): Promise<LetterSummary> {
    return this.viewLetters.summary();
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
