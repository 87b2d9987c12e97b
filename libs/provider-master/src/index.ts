export { ProviderMasterModule, PROVIDER_MASTER_ENTITIES } from './provider-master.module';
export { ProviderGroup, Provider } from './provider-master.entities';
export { CreateProviderMasterTables1764100000000 } from './provider-master.migration';
