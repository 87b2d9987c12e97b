import { Injectable, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { GrantSource } from '@rosterlink/auth';
import { AccessGrant } from './access-grant.entity';
import { AccessGrantsConsumer } from './access-grants.consumer';
import { AccessGrantRepository } from './access-grants.repository';

/** The guard's GrantSource: this service's projection, read at every request (no cache to outlive a revocation). */
@Injectable()
export class ProjectedGrants extends GrantSource {
  constructor(private readonly grants: AccessGrantRepository) {
    super();
  }

  grantedLocations(userId: string): Promise<readonly string[]> {
    return this.grants.grantedLocations(userId);
  }
}

/**
 * A service's own projection of `access.grant-changed.v1`, and the GrantSource its guard reads.
 * Name the module as the service's `grants`, and list `ACCESS_GRANTS_ENTITIES` and
 * `ACCESS_GRANTS_MIGRATIONS` in its database.
 */
@Module({
  imports: [TypeOrmModule.forFeature([AccessGrant])],
  controllers: [AccessGrantsConsumer],
  providers: [AccessGrantRepository, { provide: GrantSource, useClass: ProjectedGrants }],
  exports: [GrantSource],
})
export class AccessGrantsModule {}

export const ACCESS_GRANTS_ENTITIES = [AccessGrant];
