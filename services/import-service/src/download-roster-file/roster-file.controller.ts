import { Controller, Get, Param, StreamableFile } from '@nestjs/common';
import {
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiNotFoundResponse,
  ApiOkResponse,
  ApiOperation,
  ApiProduces,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ROSTER_FILE_CONTENT_TYPES } from '../roster-import-case/roster-import-case.rules';
import { DownloadRosterFile } from './download-roster-file.handler';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class RosterFileController {
  constructor(private readonly downloadRosterFile: DownloadRosterFile) {}

  @Get(':caseNumber/file')
  @ApiOperation({
    summary: 'Download a case’s roster file',
    description:
      'The roster file as it was uploaded (byte for byte, streamed), `text/csv` or the xlsx content type by its format, with ' +
      '`content-disposition: attachment` and the uploaded file name (`filename*` in UTF-8 when it is not plain ASCII).',
  })
  @ApiProduces(...Object.values(ROSTER_FILE_CONTENT_TYPES))
  @ApiOkResponse({ description: 'The file (streamed)' })
  @ApiBadRequestResponse({ description: 'a hostile case number (a NUL character)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, its group is outside the caller’s grants, or its roster file is no longer stored' })
  async download(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const { file, contentType, disposition } = await this.downloadRosterFile.execute(caseNumber, user);
    return new StreamableFile(file, { type: contentType, disposition });
  }
}
