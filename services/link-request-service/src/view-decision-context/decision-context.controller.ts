import { Controller, Get, Param, ParseUUIDPipe } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { BackOfficeRequestAction } from '../link-request/back-office-request.responses';
import { DecisionContext, ViewDecisionContext } from './view-decision-context.handler';

/** The decision context of one request (a second controller on `link-requests`: the queue's is view-link-requests'). */
@ApiTags('link requests')
@ApiBearerAuth()
@Controller('link-requests')
export class DecisionContextController {
  constructor(private readonly context: ViewDecisionContext) {}

  @Get(':requestId/context')
  @BackOfficeRequestAction()
  @ApiOperation({
    summary: 'Get a link request’s decision context',
    description:
      'What an analyst checks before deciding: the provider as the provider master holds them (type, credentialed, whether the ' +
      'portal may link them and why not), the location and its group (names, DBA address), the provider’s servicing links at every ' +
      'location of the group, and their other open requests at any location. Back office and admins only.',
  })
  @ApiOkResponse({ description: '`{ requestId, provider, location, links, otherOpenRequests }`' })
  get(@Param('requestId', new ParseUUIDPipe()) requestId: string): Promise<DecisionContext> {
    return this.context.execute(requestId);
  }
}
