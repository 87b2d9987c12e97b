import { OutboxEventIdNotIndexed1765400000000 } from '@rosterlink/messaging';
import { Module } from '@nestjs/common';
import type { ServiceDefinition } from '@rosterlink/platform';
import { PROVIDER_MASTER_ENTITIES, PROVIDER_MASTER_MIGRATIONS, ProviderMasterModule } from '@rosterlink/provider-master';
import { CreateMessagingTables1765000000000 } from '../migrations/1765000000000-create-messaging-tables';
import { CreateGrants1765000000001 } from '../migrations/1765000000001-create-grants';
import { AuditEntry } from './audit-entry/audit-entry.entity';
import { AuditEntryRepository } from './audit-entry/audit-entry.repository';
import { AccessServiceConfig } from './config/access-service.config';
import { Grant } from './grant/grant.entity';
import { GrantRepository } from './grant/grant.repository';
import { OwnGrantsModule } from './grant/own-grants.module';
import { GrantAccessController } from './grant-access/grant-access.controller';
import { GrantAccess } from './grant-access/grant-access.handler';
import { AccessChanges } from './manage-access/access-changes';
import { ManagedServiceLocation } from './manage-access/managed-service-location';
import { NamePrimaryUserController } from './name-primary-user/name-primary-user.controller';
import { NamePrimaryUser } from './name-primary-user/name-primary-user.handler';
import { PortalUser } from './portal-user/portal-user.entity';
import { PortalUserRepository } from './portal-user/portal-user.repository';
import { ProviderGroupRepository } from './provider-group/provider-group.repository';
import { RevokeAccessController } from './revoke-access/revoke-access.controller';
import { RevokeAccess } from './revoke-access/revoke-access.handler';
import { AccessAuditController } from './view-access-audit/access-audit.controller';
import { ViewAccessAudit } from './view-access-audit/view-access-audit.handler';
import { MeController } from './view-me/me.controller';
import { ViewMe } from './view-me/view-me.handler';
import { PrimaryUserController } from './view-primary-user/primary-user.controller';
import { ViewPrimaryUser } from './view-primary-user/view-primary-user.handler';
import { UsersController } from './view-users/users.controller';
import { ViewUsers } from './view-users/view-users.handler';

@Module({
  imports: [ProviderMasterModule],
  controllers: [
    MeController,
    UsersController,
    GrantAccessController,
    RevokeAccessController,
    PrimaryUserController,
    NamePrimaryUserController,
    AccessAuditController,
  ],
  providers: [
    GrantRepository,
    PortalUserRepository,
    AuditEntryRepository,
    ProviderGroupRepository,
    ManagedServiceLocation,
    AccessChanges,
    ViewMe,
    ViewUsers,
    GrantAccess,
    RevokeAccess,
    ViewPrimaryUser,
    NamePrimaryUser,
    ViewAccessAudit,
  ],
})
export class AccessServiceModule {}

export const ACCESS_SERVICE: ServiceDefinition<AccessServiceConfig> = {
  name: 'access-service',
  description: 'Portal users, their grants on PID/SLs, Primary Users, the access audit, and access.grant-changed.v1.',
  configClass: AccessServiceConfig,
  database: {
    schema: 'access',
    entities: [PortalUser, Grant, AuditEntry, ...PROVIDER_MASTER_ENTITIES],
    migrations: [CreateMessagingTables1765000000000, ...PROVIDER_MASTER_MIGRATIONS, CreateGrants1765000000001, OutboxEventIdNotIndexed1765400000000],
  },
  module: AccessServiceModule,
  grants: OwnGrantsModule,
};
