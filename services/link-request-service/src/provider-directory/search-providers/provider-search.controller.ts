import { Controller, Get, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { ProviderSearchPage, ProviderSearchQuery } from './provider-search.dto';
import { ProviderSearch } from './provider-search';

/** Search for Provider: the individual a group wants to link, by provider ID, NPI or name. Any signed-in user. */
@ApiTags('provider directory')
@ApiBearerAuth()
@Controller('providers')
export class ProviderSearchController {
  constructor(private readonly providers: ProviderSearch) {}

  @Get('search')
  @ApiOkResponse({ type: ProviderSearchPage })
  @ApiBadRequestResponse({ description: 'no criterion given (details name providerId, npi and name), or one is malformed' })
  async search(@Query() query: ProviderSearchQuery): Promise<ProviderSearchPage> {
    const { providerId, npi, name, limit, offset } = query;
    return this.providers.search({ providerId, npi, name }, { limit, offset });
  }
}
