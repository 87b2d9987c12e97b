export { AccessGrantsModule, ACCESS_GRANTS_ENTITIES } from './access-grants.module';
export { ACCESS_GRANTS_MIGRATIONS } from './access-grants.migration';
