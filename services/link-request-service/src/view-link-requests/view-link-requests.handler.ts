import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import { BusinessCalendar } from '@rosterlink/business-calendar';
import { businessDateOf, LinkRequestStatus } from '@rosterlink/contracts';
import { Clock, Page } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestRecord, LinkRequestRepository } from '../link-request/link-request.repository';
import { listableLocationsOf, listFilterRefusal, requestNotFound, slaStanding } from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';

/** A request as the queue shows it. */
function view(request: LinkRequestRecord, calendar: BusinessCalendar, today: string) {
  const { businessDaysRemaining, slaState } = slaStanding(request, calendar, today);
  return {
    requestId: request.requestId,
    kind: request.kind,
    pidsl: request.pidsl,
    provider: {
      providerId: request.providerPid,
      npi: request.npi,
      firstName: request.firstName,
      lastName: request.lastName,
      providerType: request.providerType,
    },
    effectiveDate: request.effectiveDate,
    endDate: request.endDate,
    status: request.status,
    submittedAt: request.submittedAt.toISOString(),
    dueDate: request.dueDate,
    // Negative when overdue; null once decided.
    businessDaysRemaining,
    slaState,
    // When the SLA sweep announced the warning and the breach (null until it did).
    slaWarningAt: request.slaWarningAt?.toISOString() ?? null,
    slaBreachedAt: request.slaBreachedAt?.toISOString() ?? null,
    decidedAt: request.decidedAt?.toISOString() ?? null,
    decidedBy: request.decidedBy,
    reason: request.decisionReason,
  };
}

export type LinkRequestView = ReturnType<typeof view>;

export interface LinkRequestQueueQuery {
  status?: LinkRequestStatus;
  pidsl?: string;
  overdue?: boolean;
  limit: number;
  offset: number;
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
  async queue({ status, pidsl, overdue, limit, offset }: LinkRequestQueueQuery, user: AuthenticatedUser): Promise<Page<LinkRequestView>> {
    const refusal = listFilterRefusal(user, pidsl);
    if (refusal) throw refusalException(refusal);
    const today = businessDateOf(this.clock.now());
    const locations = listableLocationsOf(user);
    const page = await this.requests.queue({ status, pidsl, overdue, today, locations }, { limit, offset });
    const calendar = await this.calendar.calendar();
    return {
      items: page.items.map((r) => view(r, calendar, today)),
      total: page.total,
    };
  }

  /** One request with its whole history (who did what, when, from which status to which); not found outside the caller's grants. */
  async one(requestId: string, user: AuthenticatedUser) {
    const request = await this.requests.withHistory(requestId);
    if (!request || !user.canActForLocation(request.pidsl)) throw refusalException(requestNotFound(requestId));
    return {
      ...view(request, await this.calendar.calendar(), businessDateOf(this.clock.now())),
      attestation: {
        version: request.attestationVersion,
        attestedBy: request.attestedBy,
        attestedAt: request.attestedAt.toISOString(),
      },
      history: request.history.map((h) => ({
        at: h.at.toISOString(),
        actor: h.actor,
        action: h.action,
        fromStatus: h.fromStatus,
        toStatus: h.toStatus,
        note: h.note,
      })),
    };
  }
}
