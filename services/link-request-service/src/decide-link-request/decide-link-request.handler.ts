import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LinkRequestDecision, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { LinkRequestServiceConfig } from '../config/link-request-service.config';
import { LinkRequestRecord, LinkRequestRepository } from '../link-request/link-request.repository';
import { Caller, decidableRefusal, deciderRefusal, decisionRefusal, linkChangeOf, requestNotFound } from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';

export interface DecideCommand {
  requestId: string;
  decision: LinkRequestDecision;
  reason?: string;
  /** Who decides: while assignment is required, the request's assignee or an admin. */
  decider: Caller;
}

/**
 * Back office decides a request, exactly once: an approval creates the link (or ends it, for an
 * unlink); either way `link-request.processed.v1` carries what the letter to the group's DBA
 * address needs. While assignment is required (LINK_REQUEST_ASSIGNMENT_REQUIRED), only the
 * request's assignee or an admin decides it. One transaction: the request locked, the link
 * changed, the decision and its history recorded, the event added to the outbox.
 */
@Injectable()
export class DecideLinkRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly requests: LinkRequestRepository,
    private readonly links: ServicingLinkRepository,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly config: LinkRequestServiceConfig,
  ) {}

  async execute({ requestId, decision, reason, decider }: DecideCommand): Promise<LinkRequestRecord> {
    const decidedBy = decider.id;
    const invalid = decisionRefusal(decision, reason);
    if (invalid) throw refusalException(invalid);
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const request = await this.requests.lockForDecision(tx, requestId);
      const refusal =
        decidableRefusal(requestId, request) ??
        (request && deciderRefusal(requestId, request, decider, this.config.LINK_REQUEST_ASSIGNMENT_REQUIRED));
      if (refusal || !request) throw refusalException(refusal ?? requestNotFound(requestId));
      const { recipient, ...record } = request;

      const change = linkChangeOf(record.kind, decision);
      if (change === 'CREATE')
        await this.links.createFromLinkRequest(tx, {
          ...record,
          decidedAt: now,
        });
      if (change === 'END')
        await this.links.endFromUnlinkRequest(tx, {
          ...record,
          decidedAt: now,
        });
      await this.requests.recordDecision(tx, {
        requestId,
        status: decision,
        decidedAt: now,
        decidedBy,
        reason: reason ?? null,
      });

      if (!recipient) throw new Error(`Group ${record.groupId} of link request ${requestId} is not in the provider master`);
      await this.outbox.publish(tx, Topics.LinkRequestProcessed, {
        requestId,
        kind: record.kind,
        pidsl: record.pidsl,
        groupId: record.groupId,
        serviceLocation: record.serviceLocation,
        provider: {
          providerId: record.providerPid,
          npi: record.npi,
          firstName: record.firstName,
          lastName: record.lastName,
        },
        decision,
        ...(reason ? { reason } : {}),
        ...(record.effectiveDate ? { effectiveDate: record.effectiveDate } : {}),
        ...(record.endDate ? { endDate: record.endDate } : {}),
        recipient: {
          name: recipient.name,
          address: recipient.address,
          ...(recipient.email ? { email: recipient.email } : {}),
        },
        decidedAt: now.toISOString(),
      });
      return {
        ...record,
        status: decision,
        decidedAt: now,
        decidedBy,
        decisionReason: reason ?? null,
      };
    });
  }
}
