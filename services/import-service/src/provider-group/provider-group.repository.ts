import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { ProviderGroup } from '@rosterlink/provider-master';

/** The provider master's groups, as import-service's copy holds them (kept by @rosterlink/provider-master); read only. */
@Injectable()
export class ProviderGroupRepository {
  /** The letters of the group's service locations (none for a group the provider master has not sent). */
  async serviceLocationsOf(tx: EntityManager, groupId: string): Promise<Set<string>> {
    const group = await tx.findOneBy(ProviderGroup, { pid: groupId });
    return new Set((group?.serviceLocations ?? []).map((l) => l.sl));
  }
}
