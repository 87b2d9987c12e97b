import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { AccessGrantChangedV1, Topics } from '@rosterlink/contracts';
import { OnEventBatch, ReceivedEvent } from '@rosterlink/messaging';
import { AccessGrantRepository } from './access-grants.repository';
import { newestPerUserAndLocation } from './access-grants.rules';

/**
 * Keeps the service's copy of who may act for which PID/SL, a consumed batch at a time. A change
 * whose version is not higher than the one held is ignored, so replays and duplicates change
 * nothing and an old grant never undoes a revocation.
 */
@Controller()
export class AccessGrantsConsumer {
  constructor(private readonly grants: AccessGrantRepository) {}

  @OnEventBatch(Topics.AccessGrantChanged)
  async onGrantChanged(events: ReceivedEvent<AccessGrantChangedV1>[], tx: EntityManager): Promise<void> {
    await this.grants.apply(tx, newestPerUserAndLocation(events.map((e) => e.payload)));
  }
}
