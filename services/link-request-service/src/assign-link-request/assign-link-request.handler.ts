import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestServiceConfig } from '../config/link-request-service.config';
import { LinkRequestRepository } from '../link-request/link-request.repository';
import {
  assigneeOf,
  assignmentAction,
  assignmentNote,
  assignmentRefusal,
  callerOf,
  currentAssignee,
  isSameAssignee,
  requestNotFound,
} from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';
import type { LinkRequestView } from '@rosterlink/contracts';
import { linkRequestView } from '../view-link-requests/link-request.view';

export interface AssignCommand {
  requestId: string;
  /** Whom to assign the request to (`name` may be left out for yourself); null to unassign it. */
  assignee: { userId: string; name?: string } | null;
  user: AuthenticatedUser;
}

/**
 * Back office assigns a request to an analyst (themself or someone else), hands it on, or
 * unassigns it. One transaction, the request locked: the assignee set, the history row written,
 * `link-request.assigned.v1` added to the outbox. Assigning the analyst it already has records
 * nothing. A decided request keeps its assignee; while assignment is required, only the assignee
 * or an admin hands a request on.
 */
@Injectable()
export class AssignLinkRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: LinkRequestRepository,
    private readonly outbox: OutboxPublisher,
    private readonly calendar: BusinessCalendarService,
    private readonly clock: Clock,
    private readonly config: LinkRequestServiceConfig,
  ) {}

  async execute({ requestId, assignee, user }: AssignCommand): Promise<LinkRequestView> {
    const caller = callerOf(user);
    const next = assignee === null ? null : assigneeOf(assignee, caller);
    if (next !== null && 'kind' in next) throw refusalException(next);
    const now = this.clock.now();
    const assigned = await this.dataSource.transaction(async (tx) => {
      const request = await this.requests.lockForWork(tx, requestId);
      const refusal = assignmentRefusal(requestId, request, caller, this.config.LINK_REQUEST_ASSIGNMENT_REQUIRED);
      if (refusal || !request) throw refusalException(refusal ?? requestNotFound(requestId));
      if (isSameAssignee(request, next)) return request;

      await this.requests.recordAssignment(tx, requestId, next, {
        at: now,
        actor: caller.id,
        action: assignmentAction(next),
        fromStatus: null,
        toStatus: null,
        note: assignmentNote(currentAssignee(request), next),
      });
      await this.outbox.publish(tx, Topics.LinkRequestAssigned, {
        requestId,
        pidsl: request.pidsl,
        assignee: next && { userId: next.userId, name: next.name },
        by: caller.id,
        at: now.toISOString(),
      });
      return { ...request, assigneeId: next?.userId ?? null, assigneeName: next?.name ?? null, assignedAt: next ? now : null };
    });
    return linkRequestView(assigned, await this.calendar.calendar(), businessDateOf(now), true);
  }
}
