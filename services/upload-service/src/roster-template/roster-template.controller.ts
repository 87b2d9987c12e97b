import { Controller, Get, Header, Query, StreamableFile, UnauthorizedException, UseGuards } from '@nestjs/common';
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
import { AuthenticatedUser, CurrentUser, Public } from '@rosterlink/auth';
import { rosterTemplateCsv, rosterTemplateXlsx } from '@rosterlink/roster-file';
import { GroupRosterTemplate } from './group-roster-template.handler';
import { GroupTemplateAuthGuard } from './group-template-auth.guard';
import { RosterTemplateQuery } from './roster-template.dto';

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The approved roster template, generated from the same column table the validator uses. */
@ApiTags('roster uploads')
@Controller()
export class RosterTemplateController {
  constructor(private readonly groupTemplate: GroupRosterTemplate) {}

  @Public()
  @Get('roster-template.csv')
  @ApiOperation({
    summary: 'Download the roster template (CSV)',
    description: 'The header row of the approved roster template, CRLF, without a BOM. Public: no token needed.',
  })
  @ApiProduces('text/csv')
  @ApiOkResponse({ description: 'The header row of the approved template' })
  @Header('Content-Type', 'text/csv; charset=utf-8')
  @Header('Content-Disposition', 'attachment; filename="roster-template.csv"')
  csv(): string {
    return rosterTemplateCsv();
  }

  @Public()
  @UseGuards(GroupTemplateAuthGuard)
  @Get('roster-template.xlsx')
  @ApiOperation({
    summary: 'Download the roster template (Excel)',
    description:
      'The approved template as an Excel workbook: sheet Roster (header row only, a note on each header saying what the ' +
      'column requires on an Add/Update and a Terminate roster, drop-downs for Gender, Provider Type, License State and, ' +
      'with `groupId`, the group\'s Service Locations), sheet Instructions (every column, then an example row). Public ' +
      'without `groupId`; with it, a bearer token of a user who may act for the group.',
  })
  @ApiProduces(XLSX_TYPE)
  @ApiBearerAuth()
  @ApiOkResponse({ description: 'The template workbook' })
  @ApiBadRequestResponse({ description: 'groupId is not a 9-digit provider ID' })
  @ApiUnauthorizedResponse({ description: 'groupId given without a valid bearer token' })
  @ApiNotFoundResponse({ description: 'A group outside the caller\'s grants, or unknown' })
  async xlsx(@Query() query: RosterTemplateQuery, @CurrentUser() user: AuthenticatedUser | undefined): Promise<StreamableFile> {
    let workbook: Buffer;
    if (query.groupId === undefined) {
      workbook = await rosterTemplateXlsx();
    } else {
      if (!user) throw new UnauthorizedException('A bearer token is required'); // GroupTemplateAuthGuard has made sure
      workbook = await this.groupTemplate.execute({ groupId: query.groupId, user });
    }
    return new StreamableFile(workbook, {
      type: XLSX_TYPE,
      disposition: 'attachment; filename="roster-template.xlsx"',
    });
  }
}
