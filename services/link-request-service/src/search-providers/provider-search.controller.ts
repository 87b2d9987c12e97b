import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProviderSearchPage, ProviderSearchQuery } from './provider-search.dto';
import { SearchProviders } from './search-providers.handler';

/** Search for Provider: the individual a group wants to link, by provider ID, NPI or name. Any signed-in user. */
@ApiTags('provider directory')
@ApiBearerAuth()
@Controller('providers')
export class ProviderSearchController {
  constructor(private readonly searchProviders: SearchProviders) {}

  @Get('search')
  @ApiOkResponse({ type: ProviderSearchPage })
  @ApiBadRequestResponse({ description: 'no criterion given (details name providerId, npi and name), or one is malformed' })
  async search(@Query() query: ProviderSearchQuery): Promise<ProviderSearchPage> {
    const { providerId, npi, name, limit, offset } = query;
    return this.searchProviders.execute({ providerId, npi, name }, { limit, offset });
  }
}
