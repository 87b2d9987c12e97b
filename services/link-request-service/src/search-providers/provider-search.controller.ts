import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { ProviderSearchPage, ProviderSearchQuery } from './provider-search.dto';
import { SearchProviders } from './search-providers.handler';

/** Search for Provider: the individual a group wants to link, by provider ID, NPI or name. Any signed-in user. */
@ApiTags('provider directory')
@ApiBearerAuth()
@Controller('providers')
export class ProviderSearchController {
  constructor(private readonly searchProviders: SearchProviders) {}

  @Get('search')
  @ApiOperation({
    summary: 'Search for a provider',
    description:
      'Individual providers by provider ID, NPI (exact) or name (partial, case- and accent-insensitive, similar names for a typo), ' +
      'any subset; each says whether it can be linked and, if not, where to go instead. Any signed-in user.',
  })
  @ApiOkResponse({ type: ProviderSearchPage })
  @ApiBadRequestResponse({ description: 'no criterion given (details name providerId, npi and name), or one is malformed' })
  @ApiUnauthorizedResponse({ description: 'no valid bearer token' })
  async search(@Query() query: ProviderSearchQuery): Promise<ProviderSearchPage> {
    const { providerId, npi, name, limit, offset } = query;
    return this.searchProviders.execute({ providerId, npi, name }, { limit, offset });
  }
}
