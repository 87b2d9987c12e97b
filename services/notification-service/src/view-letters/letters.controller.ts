import { createReadStream } from 'node:fs';
import { Controller, Get, Param, ParseUUIDPipe, Query, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiProduces, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
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
  async list(@Query() query: LetterQuery, @CurrentUser() user: AuthenticatedUser): Promise<Page<ReturnType<typeof letterView>>> {
    return this.viewLetters.list(query, user);
  }

  @Get(':letterId/pdf')
  @ApiProduces('application/pdf')
  async pdf(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const path = await this.viewLetters.pdfPath(letterId, user);
    return new StreamableFile(createReadStream(path), { type: 'application/pdf', disposition: `inline; filename="letter-${letterId}.pdf"` });
  }

  /** The resend audit of one letter, newest first (back office). */
  @Get(':letterId/resends')
  @RequireRoles(...BACK_OFFICE_ROLES)
  async resends(@Param('letterId', new ParseUUIDPipe()) letterId: string, @CurrentUser() user: AuthenticatedUser) {
    return this.viewLetters.resends(letterId, user);
  }
}
