import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import {
  businessDateOf,
  LINK_REQUEST_ASSIGNEE_ME,
  LINK_REQUEST_ASSIGNEE_NONE,
  LINK_REQUEST_EXPORT_MAX_ROWS,
  type LinkRequestDetailView,
  type LinkRequestNoteView,
  LinkRequestSort,
  LinkRequestStatus,
  type LinkRequestSummary,
  type LinkRequestView,
  SlaState,
} from '@rosterlink/contracts';
import { Clock, Page } from '@rosterlink/platform';
import { toCsvLine } from '@rosterlink/roster-file';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestQueueFilter, LinkRequestRepository } from '../link-request/link-request.repository';
import {
  assigneeFilterRefusal,
  lastBusinessDayOnOrBefore,
  listableLocationsOf,
  listFilterRefusal,
  queueSearchOf,
  requestNotFound,
  slaDueDateRange,
  slaSummary,
  summaryWeeks,
  visibleHistory,
  weeklyCounts,
} from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';
import { LINK_REQUEST_CSV_HEADER, linkRequestCsvValues, linkRequestNoteView, linkRequestView } from './link-request.view';

export interface LinkRequestQueueQuery {
  status?: LinkRequestStatus;
  pidsl?: string;
  overdue?: boolean;
  /** a user id, `me` (the caller) or `none` (assigned to nobody): back office and admins only */
  assignee?: string;
  /** open requests in this SLA state today */
  slaState?: SlaState;
  /** an NPI, a request id, or the start of a provider's last or first name (or `Last, First`) */
  q?: string;
  /** due on or after / on or before (inclusive; dueFrom ≤ dueTo is the DTO's check) */
  dueFrom?: string;
  dueTo?: string;
  sort?: LinkRequestSort;
  limit: number;
  offset: number;
}

/** The queue's filters and order, without paging (the export's). */
export type LinkRequestQueueFilters = Omit<LinkRequestQueueQuery, 'limit' | 'offset'>;

/** The export: its file name and its lines (the header, then a line per request), produced as they are read. */
export interface LinkRequestExport {
  fileName: string;
  lines: AsyncIterable<string>;
}

/** The assignee filter in the repository's terms: a user id, null for nobody, undefined for any. */
function assigneeIdOf(assignee: string | undefined, user: AuthenticatedUser): string | null | undefined {
  if (assignee === LINK_REQUEST_ASSIGNEE_ME) return user.id;
  if (assignee === LINK_REQUEST_ASSIGNEE_NONE) return null;
  return assignee;
}

/** The queue of link requests (the back office's: every location; a provider user's: their grants), and one request with its history. */
@Injectable()
export class ViewLinkRequests {
  constructor(
    private readonly requests: LinkRequestRepository,
    private readonly calendar: BusinessCalendarService,
    private readonly clock: Clock,
  ) {}

  /**
   * A page of the queue, soonest due first unless sorted otherwise, and the count of everything
   * matching. A provider user sees only the requests at the locations granted to them; a `pidsl`
   * filter outside their grants is not found (the answer does not reveal whether it exists).
   */
  async queue({ limit, offset, ...filters }: LinkRequestQueueQuery, user: AuthenticatedUser): Promise<Page<LinkRequestView>> {
    const { filter, today, calendar } = await this.queueFilter(filters, user);
    const page = await this.requests.queue(filter, { limit, offset });
    return {
      items: page.items.map((r) => linkRequestView(r, calendar, today, user.isBackOffice)),
      total: page.total,
    };
  }

  /**
   * Every request matching the queue's filters, in its order (at most LINK_REQUEST_EXPORT_MAX_ROWS),
   * as CSV lines read in batches: the values as the queue shows them, each cell safe against
   * spreadsheet formulas (toCsvLine). Refusals are thrown here, before a line is written.
   */
  async export(filters: LinkRequestQueueFilters, user: AuthenticatedUser): Promise<LinkRequestExport> {
    const { filter, today, calendar } = await this.queueFilter(filters, user);
    const batches = this.requests.queueInBatches(filter, LINK_REQUEST_EXPORT_MAX_ROWS);
    async function* lines(): AsyncGenerator<string> {
      yield toCsvLine(LINK_REQUEST_CSV_HEADER);
      for await (const batch of batches) {
        yield batch.map((r) => toCsvLine(linkRequestCsvValues(linkRequestView(r, calendar, today, user.isBackOffice)))).join('');
      }
    }
    return { fileName: `link-requests-${today}.csv`, lines: lines() };
  }

  /**
   * The back office's summary, over every request (the controller requires the role): the open
   * requests by SLA state and by business days left — as each listed request's slaState and
   * businessDaysRemaining put it — the unassigned ones, and breaches and decisions per week.
   */
  async summary(weeks: number): Promise<LinkRequestSummary> {
    const today = businessDateOf(this.clock.now());
    const calendar = await this.calendar.calendar();
    const mondays = summaryWeeks(today, weeks);
    const counts = await this.requests.summaryCounts(today, lastBusinessDayOnOrBefore(calendar, today), mondays[0]);
    const { open, bySlaState, byDaysLeft } = slaSummary(counts.open, calendar, today);
    return { open, bySlaState, unassigned: counts.unassigned, byDaysLeft, weekly: weeklyCounts(mondays, counts.weekly) };
  }

  /** The repository's filter of the queue's query for this caller, today, and the calendar it was computed with. */
  private async queueFilter(
    { status, pidsl, overdue, assignee, slaState, q, dueFrom, dueTo, sort }: LinkRequestQueueFilters,
    user: AuthenticatedUser,
  ) {
    const refusal = assigneeFilterRefusal(user, assignee) ?? listFilterRefusal(user, pidsl);
    if (refusal) throw refusalException(refusal);
    const today = businessDateOf(this.clock.now());
    const calendar = await this.calendar.calendar();
    const filter: LinkRequestQueueFilter = {
      status,
      pidsl,
      overdue,
      today,
      locations: listableLocationsOf(user),
      assigneeId: assigneeIdOf(assignee, user),
      slaDue: slaState && slaDueDateRange(calendar, today, slaState),
      search: q === undefined ? undefined : queueSearchOf(q),
      dueFrom,
      dueTo,
      sort,
    };
    return { filter, today, calendar };
  }

  /**
   * One request with its whole history (who did what, when, from which status to which); not found
   * outside the caller's grants. A provider user does not see the back office's work on it (its
   * assignee, assignments and notes).
   */
  async one(requestId: string, user: AuthenticatedUser): Promise<LinkRequestDetailView> {
    const request = await this.requests.withHistory(requestId);
    if (!request || !user.canActForLocation(request.pidsl)) throw refusalException(requestNotFound(requestId));
    const history = visibleHistory(user, request.history);
    return {
      ...linkRequestView(request, await this.calendar.calendar(), businessDateOf(this.clock.now()), user.isBackOffice),
      attestation: {
        version: request.attestationVersion,
        attestedBy: request.attestedBy,
        attestedAt: request.attestedAt.toISOString(),
      },
      history: history.map((h) => ({
        at: h.at.toISOString(),
        actor: h.actor,
        action: h.action,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        note: h.note,
      })),
    };
  }

  /** A page of a request's internal notes, oldest first (back office and admins: the controller requires the role). */
  async notes(requestId: string, page: { limit: number; offset: number }): Promise<Page<LinkRequestNoteView>> {
    const notes = await this.requests.notes(requestId, page);
    if (!notes) throw refusalException(requestNotFound(requestId));
    return { items: notes.items.map(linkRequestNoteView), total: notes.total };
  }
}
