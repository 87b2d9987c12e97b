import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { pidOf } from '@rosterlink/contracts';
import { ProviderGroup } from '@rosterlink/provider-master';

/** The provider master's groups, as access-service's copy holds them (kept by @rosterlink/provider-master); read only. */
@Injectable()
export class ProviderGroupRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The group of a PID/SL with the letters of its service locations; null when the provider master does not know it. */
  async groupOf(pidsl: string, tx?: EntityManager): Promise<{ pid: string; serviceLocations: string[] } | null> {
    const group = await (tx ?? this.dataSource.manager).findOne(ProviderGroup, {
      where: { pid: pidOf(pidsl) },
      select: { pid: true, serviceLocations: true },
    });
    return group ? { pid: group.pid, serviceLocations: group.serviceLocations.map((l) => l.sl) } : null;
  }
}
