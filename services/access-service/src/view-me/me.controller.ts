import { Controller, Get } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AuthenticatedUser, CurrentUser } from '@rosterlink/auth';
import { Me, ViewMe } from './view-me.handler';

@ApiTags('access')
@ApiBearerAuth()
@Controller('me')
export class MeController {
  constructor(private readonly viewMe: ViewMe) {}

  /** `{ sub, name, roles, grants, primaryFor }`: empty lists for a user with no access yet. */
  @Get()
  async me(@CurrentUser() user: AuthenticatedUser): Promise<Me> {
    return this.viewMe.execute(user);
  }
}
