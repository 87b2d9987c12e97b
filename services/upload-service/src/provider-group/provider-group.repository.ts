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
}
