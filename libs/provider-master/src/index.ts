export { ProviderMasterModule, PROVIDER_MASTER_ENTITIES } from './provider-master.module';
export { ProviderGroup, Provider } from './provider-master.entities';
export { PROVIDER_MASTER_MIGRATIONS } from './provider-master.migration';
