import { Controller, Get, Header, StreamableFile } from '@nestjs/common';
import { ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import { Public } from '@rosterlink/auth';
import { rosterTemplateCsv, rosterTemplateXlsx } from '@rosterlink/roster-file';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The approved roster template, generated from the same column table the validator uses. */
@ApiTags('roster uploads')
@Controller()
export class RosterTemplateController {
  @Public()
  @Get('roster-template.csv')
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The header row of the approved template' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="roster-template.csv"')
  csv(): string {
    return rosterTemplateCsv();
  }

  @Public()
  @Get('roster-template.xlsx')
  @ApiProduces(XLSX_TYPE)
  @ApiOkResponse({ description: 'The approved template as an Excel workbook, with a note on each column' })
  async xlsx(): Promise<StreamableFile> {
    return new StreamableFile(await rosterTemplateXlsx(), {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="roster-template.xlsx"',
    });
  }
}
