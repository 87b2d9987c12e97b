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
import { DownloadCaseErrors } from './download-case-errors.handler';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class CaseErrorsWorkbookController {
  constructor(private readonly downloadCaseErrors: DownloadCaseErrors) {}

  /** The roster with its bad cells highlighted: what the practice corrects and uploads as the revised file. */
  @Get(':caseNumber/errors.xlsx')
  @ApiOperation({
    summary: 'Download a case’s roster with its errors highlighted (Excel)',
    description:
      'An Excel workbook of the case’s roster file. Sheet 1 is the roster as the template lays it out (header row = the template’s ' +
      'columns, then every data row of the file under its own row number); each cell with an error is filled light red and carries a ' +
      'note with its error messages, and an error about a whole row (a duplicate NPI) or about no template column is noted on the ' +
      'row’s first cell. Sheet `Errors` lists Row, Column, Code, Message as `GET /cases/{caseNumber}/errors.csv` does. Corrected, the ' +
      'first sheet can be uploaded as the revised file.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The workbook (streamed)' })
  @ApiBadRequestResponse({ description: 'a hostile case number (a NUL character)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, its group is outside the caller’s grants, or its roster file is no longer stored' })
  async download(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<StreamableFile> {
    const workbook = await this.downloadCaseErrors.execute(caseNumber, user);
    return new StreamableFile(workbook, { type: XLSX_TYPE, disposition: `attachment; filename="${caseNumber}-errors.xlsx"` });
  }
}
