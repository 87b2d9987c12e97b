import { Controller, HttpCode, Param, Post } from '@nestjs/common';
import {
  ApiAcceptedResponse,
  ApiBadRequestResponse,
  ApiBearerAuth,
  ApiConflictResponse,
  ApiNotFoundResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
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
  @ApiOperation({
    summary: 'Process a roster-import case',
    description:
      'Starts processing a NEW case in the background: every row is validated and, when there is no error, the roster is applied ' +
      '(COMPLETED); with row errors nothing is applied (REJECTED). Poll the case for its status.',
  })
  @ApiAcceptedResponse({ description: 'Processing runs in the background; poll the case for its status' })
  @ApiConflictResponse({ description: 'The case is not NEW (its status is named)' })
  @ApiBadRequestResponse({ description: 'a hostile case number (a NUL character)' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  @ApiNotFoundResponse({ description: 'no such case, or its group is outside the caller’s grants' })
  process(@Param('caseNumber') caseNumber: string, @CurrentUser() user: AuthenticatedUser): Promise<ProcessingStarted> {
    return this.startRosterImport.execute(caseNumber, user);
  }
}
