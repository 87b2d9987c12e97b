import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { ProviderMasterConsumer } from './provider-master.consumer';
import { Provider, ProviderGroup } from './provider-master.entities';

/**
 * A service's own projection of `provider-master.upserted.v1`. Add the module, list
 * `PROVIDER_MASTER_ENTITIES` and `PROVIDER_MASTER_MIGRATIONS` in the service's database, and
 * inject `Repository<ProviderGroup>` / `Repository<Provider>` where the data is read.
 */
@Module({
  imports: [TypeOrmModule.forFeature([ProviderGroup, Provider])],
  controllers: [ProviderMasterConsumer],
  exports: [TypeOrmModule],
})
export class ProviderMasterModule {}

export const PROVIDER_MASTER_ENTITIES = [ProviderGroup, Provider];
