import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { Page } from '@rosterlink/platform';
import { Practitioner } from '../practitioner/practitioner.entity';
import { PractitionerFilter, PractitionerRepository } from '../practitioner/practitioner.repository';
import { canSeePractitionersOf, practitionerRefusals } from '../practitioner/practitioner.rules';

export interface PractitionerSearch extends PractitionerFilter {
  limit: number;
  offset: number;
}

/** A group's practitioners, for a caller who may act for the group. */
@Injectable()
export class ViewPractitioners {
  constructor(private readonly practitioners: PractitionerRepository) {}

  async list(groupId: string, search: PractitionerSearch, user: AuthenticatedUser): Promise<Page<Practitioner>> {
    if (!canSeePractitionersOf(user, groupId)) throw new NotFoundException(practitionerRefusals.groupNotFound(groupId));
    const { status, serviceLocation, search: prefix, limit, offset } = search;
    const [items, total] = await this.practitioners.pageOfGroup(groupId, { status, serviceLocation, search: prefix }, { limit, offset });
    return { items, total };
  }
}
