import { Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { Page } from '@rosterlink/platform';
import { CaseError } from '../roster-import-case/case-error.entity';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import { canSeeCase, caseRefusals, CaseStatus, listableGroupsOf } from '../roster-import-case/roster-import-case.rules';

export interface CaseSearch {
  groupId?: string;
  status?: CaseStatus;
  uploadId?: string;
  limit: number;
  offset: number;
}

/** The cases a caller may see, and the errors of each (a page, or all of them in row order). */
@Injectable()
export class ViewCases {
  constructor(private readonly cases: RosterImportCaseRepository) {}

  /** The caller's cases (a group's, when named), most recent first. */
  async list(search: CaseSearch, user: AuthenticatedUser): Promise<Page<RosterImportCase>> {
    const { groupId, status, uploadId, limit, offset } = search;
    if (groupId && !canSeeCase(user, { groupId })) throw new NotFoundException(caseRefusals.groupNotFound(groupId));
    const groupIds = groupId ? undefined : (listableGroupsOf(user) ?? undefined);
    const [items, total] = await this.cases.page({ status, uploadId, groupId, groupIds }, { limit, offset });
    return { items, total };
  }

  /** The case, if `user` may see it; 404 otherwise, as for a case that does not exist. */
  async visibleCase(caseNumber: string, user: AuthenticatedUser): Promise<RosterImportCase> {
    const found = await this.cases.find(caseNumber);
    if (!found || !canSeeCase(user, found)) throw new NotFoundException(caseRefusals.notFound(caseNumber));
    return found;
  }

  /** A page of the case's errors by row number, ascending or descending. */
  async errors(caseNumber: string, sort: 'row' | '-row', page: { limit: number; offset: number }, user: AuthenticatedUser): Promise<Page<CaseError>> {
    await this.visibleCase(caseNumber, user);
    const [items, total] = await this.cases.errorPage(caseNumber, sort === '-row' ? 'DESC' : 'ASC', page);
    return { items, total };
  }

  /** Every error of the case in row order, read a page at a time as they are consumed. */
  async allErrors(caseNumber: string, user: AuthenticatedUser): Promise<AsyncIterable<CaseError>> {
    await this.visibleCase(caseNumber, user);
    return this.cases.errorsInRowOrder(caseNumber);
  }
}
