import { Body, Controller, Param, ParseUUIDPipe, Post } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiCreatedResponse,
  ApiOperation,
  ApiProperty,
  ApiTags,
  ApiUnprocessableEntityResponse,
} from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { LINK_REQUEST_NOTE_MAX_LENGTH } from '@rosterlink/contracts';
import { BackOfficeRequestAction } from '../link-request/back-office-request.responses';
import type { LinkRequestNoteView } from '@rosterlink/contracts';
import { AddLinkRequestNote } from './add-link-request-note.handler';

export class NoteBody {
  @ApiProperty({ minLength: 1, maxLength: LINK_REQUEST_NOTE_MAX_LENGTH, example: 'Called the practice: the license copy is on its way.' })
  @IsString()
  @Length(1, LINK_REQUEST_NOTE_MAX_LENGTH)
  text: string;
}

@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class AddLinkRequestNoteController {
  constructor(private readonly addNote: AddLinkRequestNote) {}

  @Post(':requestId/notes')
  @BackOfficeRequestAction('the request id is not a UUID, or a malformed body (details name `text`)')
  @ApiOperation({
    summary: 'Add an internal note to a link request',
    description:
      `Back office adds a note (1 to ${LINK_REQUEST_NOTE_MAX_LENGTH} characters) to a request’s internal thread, open or decided. ` +
      'The history records who added which note and when; link-request.note-added.v1 announces it without its text, which may hold PHI.',
  })
  @ApiCreatedResponse({ description: 'the note: `{ noteId, requestId, author: { userId, name }, text, createdAt }`' })
  @ApiUnprocessableEntityResponse({ description: 'a note of blanks only (details name `text`)' })
  note(
    @Param('requestId', new ParseUUIDPipe()) requestId: string,
    @Body() body: NoteBody,
    @CurrentUser() user: AuthenticatedUser,
  ): Promise<LinkRequestNoteView> {
    return this.addNote.execute({ requestId, text: body.text, user });
  }
}
