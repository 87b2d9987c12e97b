import { Injectable, Module } from '@nestjs/common';
import { GrantSource } from '@rosterlink/auth';
import { GrantRepository } from './grant.repository';

/** access-service's guard reads grants from the service's own tables, where they are decided. */
@Injectable()
export class OwnGrants extends GrantSource {
  constructor(private readonly grants: GrantRepository) {
    super();
  }

  async grantedLocations(userId: string): Promise<readonly string[]> {
    return (await this.grants.ofUser(userId)).map((g) => g.pidsl);
  }
}

@Module({
  providers: [GrantRepository, { provide: GrantSource, useClass: OwnGrants }],
  exports: [GrantSource],
})
export class OwnGrantsModule {}
