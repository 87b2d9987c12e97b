import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Clock } from '@rosterlink/platform';
import { GrantRepository } from '../grant/grant.repository';
import { grantDecision } from '../grant/grant.rules';
import { AccessChanges } from '../manage-access/access-changes';
import { changesOf, ManagedServiceLocation } from '../manage-access/managed-service-location';
import { serviceLocationUserView, ServiceLocationUserView } from '../manage-access/service-location-user.view';
import { PortalUserRepository } from '../portal-user/portal-user.repository';

export interface GrantAccessCommand {
  pidsl: string;
  userId: string;
  name?: string;
  email?: string;
  user: AuthenticatedUser;
}

/**
 * Grants a user access to a PID/SL (its Primary User, the back office or an admin may). In one
 * transaction, under the PID/SL's lock: the grant, its audit entry and its access.grant-changed.v1
 * event; a user who already has access is answered as they are, with nothing recorded.
 */
@Injectable()
export class GrantAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceLocation: ManagedServiceLocation,
    private readonly grants: GrantRepository,
    private readonly portalUsers: PortalUserRepository,
    private readonly accessChanges: AccessChanges,
    private readonly clock: Clock,
  ) {}

  async execute({ pidsl, userId, name, email, user }: GrantAccessCommand): Promise<{ created: boolean; user: ServiceLocationUserView }> {
    return this.dataSource.transaction(async (tx) => {
      await this.grants.lockServiceLocation(tx, pidsl);
      await this.serviceLocation.require(user, pidsl, tx);
      const changes = changesOf(grantDecision(userId, await this.grants.find(tx, pidsl, userId)));
      await this.portalUsers.remember(tx, { userId, name, email });
      await this.accessChanges.apply(tx, pidsl, changes, user.id, this.clock.now());
      const grant = await this.grants.find(tx, pidsl, userId);
      const grantee = await this.portalUsers.find(userId, tx);
      if (!grant) throw new Error(`The grant of ${userId} on ${pidsl} is missing in its own transaction`);
      return { created: changes.length > 0, user: serviceLocationUserView(grant, grantee ?? undefined) };
    });
  }
}
