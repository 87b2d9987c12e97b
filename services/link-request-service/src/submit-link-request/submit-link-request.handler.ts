import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, pidOf, serviceLocationOf } from '@rosterlink/contracts';
import { Clock } from '@rosterlink/platform';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequestRepository, NewLinkRequest } from '../link-request/link-request.repository';
import {
  alreadyPending,
  ATTESTATION_VERSION,
  attestationNote,
  locationNotFound,
  OPEN_STATUS,
  providerNotFound,
  Submission,
  submissionRefusal,
  submittedAction,
} from '../link-request/link-request.rules';
import { refusalException } from '../link-request/refusal-exception';

export interface SubmitCommand extends Submission {
  user: AuthenticatedUser;
}

/**
 * Submits a link or unlink request with every POSC rule, its due date, and `link-request.submitted.v1`.
 * Two round trips: the facts the rules need, read in one query; then the request, its history and
 * its event recorded in one statement.
 */
@Injectable()
export class SubmitLinkRequest {
  constructor(
    private readonly requests: LinkRequestRepository,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
  ) {}

  async execute(command: SubmitCommand): Promise<NewLinkRequest> {
    const { pidsl, user } = command;
    if (!user.canActForLocation(pidsl)) throw refusalException(locationNotFound(pidsl));
    const now = this.clock.now();
    const facts = await this.requests.submissionFacts(command);
    const { provider } = facts;
    const refusal = submissionRefusal(command, facts, businessDateOf(now));
    if (refusal || !provider) throw refusalException(refusal ?? providerNotFound(command.servicingProviderId));

    const request: NewLinkRequest = {
      requestId: randomUUID(),
      kind: command.kind,
      pidsl,
      groupId: pidOf(pidsl),
      serviceLocation: serviceLocationOf(pidsl),
      providerPid: provider.pid,
      npi: provider.npi,
      firstName: provider.firstName,
      lastName: provider.lastName,
      providerType: provider.providerType,
      effectiveDate: command.effectiveDate ?? null,
      endDate: command.endDate ?? null,
      status: OPEN_STATUS,
      submittedAt: now,
      submittedBy: user.id,
      dueDate: (await this.calendar.calendar()).dueDateFor(now),
      attestationVersion: ATTESTATION_VERSION,
      attestedBy: user.id,
      attestedAt: now,
    };
    const submitted = await this.requests.submit(
      request,
      {
        at: now,
        actor: user.id,
        action: submittedAction(request.kind),
        fromStatus: null,
        toStatus: OPEN_STATUS,
        note: attestationNote(),
      },
      {
        requestId: request.requestId,
        kind: request.kind,
        pidsl,
        provider: {
          providerId: provider.pid,
          npi: provider.npi,
          firstName: provider.firstName,
          lastName: provider.lastName,
        },
        ...(request.effectiveDate ? { effectiveDate: request.effectiveDate } : {}),
        ...(request.endDate ? { endDate: request.endDate } : {}),
        submittedAt: now.toISOString(),
        dueDate: request.dueDate,
      },
    );
    if (!submitted) throw refusalException(alreadyPending(provider.pid, pidsl));
    return request;
  }
}
