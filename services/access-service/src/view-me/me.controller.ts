import { Controller, Get } from '@nestjs/common';
import {
  ApiBearerAuth,
  ApiOkResponse,
  ApiOperation,
  ApiTags,
  ApiUnauthorizedResponse,
} from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Me, ViewMe } from './view-me.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly viewMe: ViewMe) {}

  /** `{ sub, name, roles, grants, primaryFor }`: empty lists for a user with no access yet. */
  @Get()
  @ApiOperation({
    summary: 'Who the caller is, and where they have access',
    description:
      'The caller’s `{ sub, name, roles, grants, primaryFor }`, grants and primaries from access-service’s tables (never the ' +
      'token’s claim); empty lists for a user with no access yet. Makes the caller a known portal user.',
  })
  @ApiOkResponse({
    description: '`{ sub, name, roles, grants: [pidsl], primaryFor: [pidsl] }`',
  })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async me(@CurrentUser() user: AuthenticatedUser): Promise<Me> {
    return this.viewMe.execute(user);
  }
}
