import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { rosterTemplateXlsx } from '@rosterlink/roster-file';
import { ProviderGroupRepository } from '../provider-group/provider-group.repository';
import { uploadRefusals } from '../roster-upload/roster-upload.rules';

export interface GroupRosterTemplateQuery {
  groupId: string;
  user: AuthenticatedUser;
}

/**
 * The xlsx template for one group, its Service Location drop-down listing the group's locations as the provider
 * master knows them. Authorized as an upload for the group is: a group outside the caller's grants, or one the
 * provider master does not know, is 404 alike.
 */
@Injectable()
export class GroupRosterTemplate {
  constructor(private readonly groups: ProviderGroupRepository) {}

  async execute({ groupId, user }: GroupRosterTemplateQuery): Promise<Buffer> {
    if (!user.canActForGroup(groupId)) throw new NotFoundException(uploadRefusals.groupNotFound(groupId));
    const serviceLocations = await this.groups.serviceLocationsOf(groupId);
    if (!serviceLocations) throw new NotFoundException(uploadRefusals.groupNotFound(groupId));
    return rosterTemplateXlsx({ serviceLocations });
  }
}
