import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { LinkRequestDecision, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { ProviderGroup } from '@rosterlink/provider-master';
import { LinkRequest, LinkRequestHistory } from '../link-request/link-request.entity';
import { ServicingLinks } from '../provider-directory/servicing-links.service';

export interface DecideCommand {
  requestId: string;
  decision: LinkRequestDecision;
  reason?: string;
  decidedBy: string;
}

/**
 * Back office decides a request, exactly once: an approval creates the link (or ends it, for an
 * unlink); either way `link-request.processed.v1` carries what the letter to the group's DBA
 * address needs.
 */
@Injectable()
export class DecideLinkRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly links: ServicingLinks,
  ) {}

  async execute({ requestId, decision, reason, decidedBy }: DecideCommand): Promise<LinkRequest> {
    if (decision === 'DENIED' && !reason?.trim()) {
      throw new UnprocessableEntityException({
        message: 'A denial needs a reason: it is printed on the letter',
        details: [{ field: 'reason', message: 'required when the decision is DENIED' }],
      });
    }
    const now = this.clock.now();
    return this.dataSource.transaction(async (tx) => {
      const request = await tx.findOne(LinkRequest, { where: { requestId }, lock: { mode: 'pessimistic_write' } });
      if (!request) throw new NotFoundException(`Link request ${requestId} not found`);
      if (request.status !== 'SUBMITTED') {
        throw new ConflictException({ message: `Link request ${requestId} was already ${request.status}`, status: request.status });
      }
      if (decision === 'APPROVED' && request.kind === 'LINK') await this.links.createFromLinkRequest(tx, { ...request, decidedAt: now });
      if (decision === 'APPROVED' && request.kind === 'UNLINK') await this.links.endFromUnlinkRequest(tx, { ...request, decidedAt: now });

      await tx.update(LinkRequest, { requestId }, { status: decision, decidedAt: now, decidedBy, decisionReason: reason ?? null });
      await tx.insert(LinkRequestHistory, {
        requestId,
        at: now,
        actor: decidedBy,
        action: decision === 'APPROVED' ? 'APPROVED' : 'DENIED',
        fromStatus: 'SUBMITTED',
        toStatus: decision,
        note: reason ?? null,
      });
      const group = await tx.findOneByOrFail(ProviderGroup, { pid: request.groupId });
      await this.outbox.publish(tx, Topics.LinkRequestProcessed, {
        requestId,
        kind: request.kind,
        pidsl: request.pidsl,
        groupId: request.groupId,
        serviceLocation: request.serviceLocation,
        provider: { providerId: request.providerPid, npi: request.npi, firstName: request.firstName, lastName: request.lastName },
        decision,
        ...(reason ? { reason } : {}),
        ...(request.effectiveDate ? { effectiveDate: request.effectiveDate } : {}),
        ...(request.endDate ? { endDate: request.endDate } : {}),
        recipient: { name: group.dbaName, address: group.dbaAddress, ...(group.correspondenceEmail ? { email: group.correspondenceEmail } : {}) },
        decidedAt: now.toISOString(),
      });
      return { ...request, status: decision, decidedAt: now, decidedBy, decisionReason: reason ?? null };
    });
  }
}
