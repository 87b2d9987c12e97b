import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { ProviderGroup } from '@rosterlink/provider-master';

/** The provider master's groups, as upload-service's copy holds them (kept by @rosterlink/provider-master); read only. */
@Injectable()
export class ProviderGroupRepository {
  constructor(private readonly dataSource: DataSource) {}

  async exists(groupId: string): Promise<boolean> {
    return this.dataSource.getRepository(ProviderGroup).existsBy({ pid: groupId });
  }

  /** The group's service-location letters, sorted; undefined when the provider master does not know the group. */
  async serviceLocationsOf(groupId: string): Promise<string[] | undefined> {
    const group = await this.dataSource
      .getRepository(ProviderGroup)
      .findOne({ where: { pid: groupId }, select: { pid: true, serviceLocations: true } });
    return group?.serviceLocations.map((location) => location.sl).sort();
  }
}
