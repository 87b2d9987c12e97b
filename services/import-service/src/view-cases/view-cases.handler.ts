import { BadRequestException, Injectable, NotFoundException } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { CaseSort } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import { PractitionerRepository } from '../practitioner/practitioner.repository';
import { CaseError } from '../roster-import-case/case-error.entity';
import { RosterImportCase } from '../roster-import-case/roster-import-case.entity';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import {
  canSeeCase,
  CASE_TRANSITIONS,
  caseRefusals,
  CaseStatus,
  caseTimeline,
  CaseTimelineEntry,
  listableGroupsOf,
} from '../roster-import-case/roster-import-case.rules';

export interface CaseSearch {
  groupId?: string;
  status?: CaseStatus;
  uploadId?: string;
  q?: string;
  npi?: string;
  createdFrom?: string;
  createdTo?: string;
  sort?: CaseSort;
  limit: number;
  offset: number;
}

/** A case with what other cases tell of it. */
export interface ListedCase {
  rosterCase: RosterImportCase;
  /** The case of the revised file that replaced it, when one did. */
  supersededByCaseNumber?: string;
}

export interface CaseStory extends ListedCase {
  timeline: CaseTimelineEntry[];
}

export interface CaseSummary {
  total: number;
  byStatus: Record<CaseStatus, number>;
}

/** The cases a caller may see, their story, and the errors of each (a page, or all of them in row order). */
@Injectable()
export class ViewCases {
  constructor(
    private readonly cases: RosterImportCaseRepository,
    private readonly practitioners: PractitionerRepository,
  ) {}

  /** The caller's cases (a group's, when named) matching the search, in its order (most recent first by default). */
  async list(search: CaseSearch, user: AuthenticatedUser): Promise<Page<ListedCase>> {
    const { groupId, status, uploadId, q, npi, createdFrom, createdTo, sort, limit, offset } = search;
    if (createdFrom && createdTo && createdFrom > createdTo) {
      throw new BadRequestException({ message: 'createdFrom must be on or before createdTo', details: [{ field: 'createdFrom', message: 'must be on or before createdTo' }] });
    }
    if (groupId && !canSeeCase(user, { groupId })) throw new NotFoundException(caseRefusals.groupNotFound(groupId));
    const groupIds = groupId ? undefined : (listableGroupsOf(user) ?? undefined);
    const caseNumbers = npi ? await this.practitioners.caseNumbersNaming(npi, groupId ? [groupId] : groupIds) : undefined;
    const [items, total] = await this.cases.page(
      { status, uploadId, groupId, groupIds, q, caseNumbers, createdFrom, createdTo, sort },
      { limit, offset },
    );
    return { items: await this.withSupersession(items), total };
  }

  /** The case with its timeline, if `user` may see it; 404 otherwise. */
  async story(caseNumber: string, user: AuthenticatedUser): Promise<CaseStory> {
    const rosterCase = await this.visibleCase(caseNumber, user);
    const [[listed], history] = await Promise.all([this.withSupersession([rosterCase]), this.cases.history(rosterCase.caseNumber)]);
    return { ...listed, timeline: caseTimeline(rosterCase, history) };
  }

  /** Every case, counted by status (the back office's overview). */
  async summary(): Promise<CaseSummary> {
    const byStatus = await this.cases.countByStatus();
    return { total: Object.values(byStatus).reduce((sum, n) => sum + n, 0), byStatus };
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

  private async withSupersession(cases: RosterImportCase[]): Promise<ListedCase[]> {
    const superseded = cases.filter((c) => c.status === CASE_TRANSITIONS.supersede.to).map((c) => c.caseNumber);
    const by = await this.cases.supersedingCaseNumbers(superseded);
    return cases.map((rosterCase) => {
      const supersededByCaseNumber = by.get(rosterCase.caseNumber);
      return supersededByCaseNumber ? { rosterCase, supersededByCaseNumber } : { rosterCase };
    });
  }
}
