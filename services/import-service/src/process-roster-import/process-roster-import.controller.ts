import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBearerAuth, ApiConflictResponse, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { ProcessingStarted, StartRosterImport } from './start-roster-import.handler';

@ApiTags('roster-import cases')
@ApiBearerAuth()
@Controller('cases')
export class ProcessRosterImportController {
  constructor(private readonly startRosterImport: StartRosterImport) {}

  /** Validates every row and, when there is no error, applies the roster (in the background). */
  @Post(':caseNumber/process')
  @HttpCode(202)
  @ApiAcceptedResponse({ description: 'Processing runs in the background; poll the case for its status' })
  @ApiConflictResponse({ description: 'The case is not NEW (its status is named)' })
  process(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<ProcessingStarted> {
    return this.startRosterImport.execute(caseNumber, user);
  }
}
