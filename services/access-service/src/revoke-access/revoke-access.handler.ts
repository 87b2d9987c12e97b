import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Clock } from '@rosterlink/platform';
import { GrantRepository } from '../grant/grant.repository';
import { revokeDecision } from '../grant/grant.rules';
import { AccessChanges } from '../manage-access/access-changes';
import { changesOf, ManagedServiceLocation } from '../manage-access/managed-service-location';

/**
 * Revokes a user's access to a PID/SL (its Primary User, the back office or an admin may). In one
 * transaction, under the PID/SL's lock: the grant goes, with its audit entry and its
 * access.grant-changed.v1 event. The last Primary User cannot remove themselves (409); revoking
 * a user without access changes nothing.
 */
@Injectable()
export class RevokeAccess {
  constructor(
    private readonly dataSource: DataSource,
    private readonly serviceLocation: ManagedServiceLocation,
    private readonly grants: GrantRepository,
    private readonly accessChanges: AccessChanges,
    private readonly clock: Clock,
  ) {}

  async execute({ pidsl, userId, user }: { pidsl: string; userId: string; user: AuthenticatedUser }): Promise<void> {
    await this.dataSource.transaction(async (tx) => {
      await this.grants.lockServiceLocation(tx, pidsl);
      const primary = await this.serviceLocation.require(user, pidsl, tx);
      const held = await this.grants.find(tx, pidsl, userId);
      const changes = changesOf(revokeDecision(user, pidsl, held, primary ? [primary.userId] : []));
      await this.accessChanges.apply(tx, pidsl, changes, user.id, this.clock.now());
    });
  }
}
