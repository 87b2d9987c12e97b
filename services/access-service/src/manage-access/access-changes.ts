import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { AuditEntryRepository } from '../audit-entry/audit-entry.repository';
import { GrantRepository } from '../grant/grant.repository';
import type { AccessStateChange } from '../grant/grant.rules';

/**
 * Applies the changes grant.rules decided to one PID/SL, in the caller's transaction and in order:
 * for each, the grant as it now is, its audit entry (who, when, before, after) and its
 * `access.grant-changed.v1` event, under the PID/SL's next change number.
 */
@Injectable()
export class AccessChanges {
  constructor(
    private readonly grants: GrantRepository,
    private readonly audit: AuditEntryRepository,
    private readonly outbox: OutboxPublisher,
  ) {}

  async apply(tx: EntityManager, pidsl: string, changes: readonly AccessStateChange[], by: string, at: Date): Promise<void> {
    for (const { userId, change, before, after } of changes) {
      await this.grants.apply(tx, pidsl, userId, after, by, at);
      const version = await this.grants.nextVersion(tx, pidsl);
      await this.audit.add(tx, { pidsl, at, actedBy: by, action: change, userId, before, after, version });
      await this.outbox.publish(tx, Topics.AccessGrantChanged, {
        pidsl,
        userId,
        change,
        granted: after.granted,
        primary: after.primary,
        version,
        by,
        at: at.toISOString(),
      });
    }
  }
}
