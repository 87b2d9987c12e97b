import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, LINK_REQUEST_ASSIGNEE_ME, LINK_REQUEST_ASSIGNEE_NONE, LinkRequestStatus } from '@rosterlink/contracts';
import { Clock, Page } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestRepository } from '../link-request/link-request.repository';
import {
  assigneeFilterRefusal,
  listableLocationsOf,
  listFilterRefusal,
  requestNotFound,
  visibleHistory,
} from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';
import { linkRequestNoteView, LinkRequestNoteView, linkRequestView, LinkRequestView } from './link-request.view';

export type { LinkRequestView } from './link-request.view';

export interface LinkRequestQueueQuery {
  status?: LinkRequestStatus;
  pidsl?: string;
  overdue?: boolean;
  /** a user id, `me` (the caller) or `none` (assigned to nobody): back office and admins only */
  assignee?: string;
  limit: number;
  offset: number;
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
   * Soonest due first. A provider user sees only the requests at the locations granted to them; a
   * `pidsl` filter outside their grants is not found (the answer does not reveal whether it exists).
   */
  async queue({ status, pidsl, overdue, assignee, limit, offset }: LinkRequestQueueQuery, user: AuthenticatedUser): Promise<Page<LinkRequestView>> {
    const refusal = assigneeFilterRefusal(user, assignee) ?? listFilterRefusal(user, pidsl);
    if (refusal) throw refusalException(refusal);
    const today = businessDateOf(this.clock.now());
    const locations = listableLocationsOf(user);
    const page = await this.requests.queue(
      { status, pidsl, overdue, today, locations, assigneeId: assigneeIdOf(assignee, user) },
      { limit, offset },
    );
    const calendar = await this.calendar.calendar();
    return {
      items: page.items.map((r) => linkRequestView(r, calendar, today, user.isBackOffice)),
      total: page.total,
    };
  }

  /**
   * One request with its whole history (who did what, when, from which status to which); not found
   * outside the caller's grants. A provider user does not see the back office's work on it (its
   * assignee, assignments and notes).
   */
  async one(requestId: string, user: AuthenticatedUser) {
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
