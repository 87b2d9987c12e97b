import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Clock } from '@rosterlink/platform';
import { GrantRepository } from '../grant/grant.repository';
import { namePrimaryDecision } from '../grant/grant.rules';
import { AccessChanges } from '../manage-access/access-changes';
import { changesOf, ManagedServiceLocation } from '../manage-access/managed-service-location';
import { primaryUserView, PrimaryUserView } from '../manage-access/service-location-user.view';
import { PortalUserRepository } from '../portal-user/portal-user.repository';

/**
 * Names the Primary User of a PID/SL: the back office or an admin names anyone (granting access
 * with it), the Primary User hands the role on to another user of the PID/SL. The previous Primary
 * User keeps their access but is no longer primary. In one transaction, under the PID/SL's lock:
 * the grants, an audit entry and an access.grant-changed.v1 event per user whose state changed;
 * naming the current Primary User again changes nothing.
 */
@Injectable()
export class NamePrimaryUser {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceLocation: ManagedServiceLocation,
    private readonly grants: GrantRepository,
    private readonly portalUsers: PortalUserRepository,
    private readonly accessChanges: AccessChanges,
    private readonly clock: Clock,
  ) {}

  async execute({ pidsl, userId, user }: { pidsl: string; userId: string; user: AuthenticatedUser }): Promise<PrimaryUserView> {
    return this.dataSource.transaction(async (tx) => {
      await this.grants.lockServiceLocation(tx, pidsl);
      const current = await this.serviceLocation.require(user, pidsl, tx);
      const held = await this.grants.find(tx, pidsl, userId);
      const changes = changesOf(namePrimaryDecision(user, pidsl, { userId, held }, current?.userId ?? null));
      await this.portalUsers.remember(tx, { userId });
      await this.accessChanges.apply(tx, pidsl, changes, user.id, this.clock.now());
      return primaryUserView(pidsl, await this.grants.primaryOf(pidsl, tx), await this.portalUsers.find(userId, tx));
    });
  }
}
