import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderMasterModule } from '@rosterlink/provider-master';
import { PractitionerAffiliatedConsumer } from '../record-affiliation/practitioner-affiliated.consumer';
import { RecordPractitionerAffiliation } from '../record-affiliation/record-affiliation.handler';
import { ProviderSearchController } from '../search-providers/provider-search.controller';
import { SearchProviders } from '../search-providers/search-providers.handler';
import { ServicingLink } from '../servicing-link/servicing-link.entity';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';
import { ServiceLocationsController } from '../view-locations/service-locations.controller';
import { ViewLocations } from '../view-locations/view-locations.handler';
import { ProviderDirectoryRepository } from './provider-directory.repository';
import { ProviderSearchRepository } from './provider-search.repository';

/** Entities of the provider directory: list them in the service's database with PROVIDER_MASTER_ENTITIES. */
export const PROVIDER_DIRECTORY_ENTITIES = [ServicingLink];

/**
 * The provider directory: the List of Locations, each location's List of Servicing Providers,
 * Search for Provider, and the servicing links that roster imports (`practitioner.affiliated.v1`)
 * and link-request decisions (through the exported ServicingLinkRepository) keep. Needs the
 * migrations PROVIDER_MASTER_MIGRATIONS and CreateProviderDirectory1764300000000.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PROVIDER_DIRECTORY_ENTITIES), ProviderMasterModule],
  controllers: [PractitionerAffiliatedConsumer, ServiceLocationsController, ProviderSearchController],
  providers: [
    ServicingLinkRepository,
    ProviderDirectoryRepository,
    ProviderSearchRepository,
    RecordPractitionerAffiliation,
    ViewLocations,
    SearchProviders,
  ],
  exports: [ServicingLinkRepository, ProviderDirectoryRepository],
})
export class ProviderDirectoryModule {}
