import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderMasterModule } from '@rosterlink/provider-master';
import { PractitionerAffiliatedConsumer } from './record-affiliation/practitioner-affiliated.consumer';
import { RecordPractitionerAffiliation } from './record-affiliation/record-affiliation.handler';
import { ProviderSearchController } from './search-providers/provider-search.controller';
import { ProviderSearch } from './search-providers/provider-search';
import { ServicingLink } from './servicing-link.entity';
import { ServicingLinks } from './servicing-links.service';
import { ServiceLocations } from './view-locations/service-locations';
import { ServiceLocationsController } from './view-locations/service-locations.controller';

export { ServicingLink } from './servicing-link.entity';
export type { ServicingLinkSource } from './servicing-link.entity';
export { ServicingLinks } from './servicing-links.service';
export type { LinkFromRequest, UnlinkFromRequest, ServicingProvider } from './servicing-links.service';

/** Entities of the provider directory: list them in the service's database with PROVIDER_MASTER_ENTITIES. */
export const PROVIDER_DIRECTORY_ENTITIES = [ServicingLink];

/**
 * The provider directory: the List of Locations, each location's List of Servicing Providers,
 * Search for Provider, and the servicing links that roster imports (`practitioner.affiliated.v1`)
 * and link-request decisions (through the exported ServicingLinks) keep. Needs the migrations
 * PROVIDER_MASTER_MIGRATIONS and CreateProviderDirectory1764300000000.
 */
@Module({
  imports: [TypeOrmModule.forFeature(PROVIDER_DIRECTORY_ENTITIES), ProviderMasterModule],
  controllers: [PractitionerAffiliatedConsumer, ServiceLocationsController, ProviderSearchController],
  providers: [ServicingLinks, RecordPractitionerAffiliation, ServiceLocations, ProviderSearch],
  exports: [ServicingLinks],
})
export class ProviderDirectoryModule {}
