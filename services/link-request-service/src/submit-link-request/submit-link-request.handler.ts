import { randomUUID } from 'node:crypto';
import { ConflictException, Injectable, NotFoundException, UnprocessableEntityException } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { AuthenticatedUser } from '@rosterlink/auth';
import { businessDateOf, LinkRequestKind, pidOf, ProviderType, serviceLocationOf, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { Clock } from '@rosterlink/platform';
import { Provider, ProviderGroup } from '@rosterlink/provider-master';
import { BusinessCalendarService } from '../business-calendar/business-calendar.service';
import { LinkRequest, LinkRequestHistory } from '../link-request/link-request.entity';
import { ServicingLinks } from '../provider-directory/servicing-links.service';

/** The certification wording the portal shows; stored with each request so an audit knows what was agreed. */
export const ATTESTATION_VERSION = 'POSC-GROUP-LINK-2024-11';

/** Where providers the portal may not link must go instead (seed 003). */
const NOT_LINKABLE: Partial<Record<ProviderType, string>> = {
  LTSS: 'Long-Term Services and Supports providers cannot be updated here: contact MassHealth LTSS Provider Services at masshealthltss.com',
  DENTAL: 'Dentists cannot be updated here: contact MassHealth Customer Service for Dental Providers at masshealth-dental.net',
  ORP: 'Ordering, referring and prescribing (ORP) providers cannot be linked to a group practice through this portal',
};

export interface SubmitCommand {
  kind: LinkRequestKind;
  pidsl: string;
  servicingProviderId: string;
  effectiveDate?: string;
  endDate?: string;
  user: AuthenticatedUser;
}

function refuse(field: string, message: string): never {
  throw new UnprocessableEntityException({ message, details: [{ field, message }] });
}

/** Submits a link or unlink request with every POSC rule, its due date, and `link-request.submitted.v1`. */
@Injectable()
export class SubmitLinkRequest {
  constructor(
    private readonly dataSource: DataSource,
    private readonly outbox: OutboxPublisher,
    private readonly clock: Clock,
    private readonly calendar: BusinessCalendarService,
    private readonly links: ServicingLinks,
  ) {}

  async execute(command: SubmitCommand): Promise<LinkRequest> {
    const { pidsl, user } = command;
    const now = this.clock.now();
    const today = businessDateOf(now);
    const dueDate = (await this.calendar.calendar()).dueDateFor(now);

    return this.dataSource.transaction(async (tx) => {
      const group = await tx.findOneBy(ProviderGroup, { pid: pidOf(pidsl) });
      const locationExists = group?.serviceLocations.some((l) => l.sl === serviceLocationOf(pidsl));
      if (!user.canActForLocation(pidsl) || !locationExists) throw new NotFoundException(`Service location ${pidsl} not found`);
      const provider = await this.servicingProvider(tx, command.servicingProviderId);
      this.checkDates(command, today);
      await this.checkAgainstLinks(tx, command, provider);

      const request = tx.create(LinkRequest, {
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
        status: 'SUBMITTED',
        submittedAt: now,
        submittedBy: user.id,
        dueDate,
        attestationVersion: ATTESTATION_VERSION,
        attestedBy: user.id,
        attestedAt: now,
      });
      try {
        await tx.insert(LinkRequest, request);
      } catch (error) {
        if ((error as { driverError?: { code?: string } }).driverError?.code === '23505') {
          throw new ConflictException(`A request for provider ${provider.pid} at ${pidsl} is already pending`);
        }
        throw error;
      }
      await tx.insert(LinkRequestHistory, {
        requestId: request.requestId,
        at: now,
        actor: user.id,
        action: command.kind === 'LINK' ? 'LINK_REQUESTED' : 'UNLINK_REQUESTED',
        fromStatus: null,
        toStatus: 'SUBMITTED',
        note: `attested (${ATTESTATION_VERSION})`,
      });
      await this.outbox.publish(tx, Topics.LinkRequestSubmitted, {
        requestId: request.requestId,
        kind: request.kind,
        pidsl,
        provider: { providerId: provider.pid, npi: provider.npi, firstName: provider.firstName, lastName: provider.lastName },
        ...(request.effectiveDate ? { effectiveDate: request.effectiveDate } : {}),
        ...(request.endDate ? { endDate: request.endDate } : {}),
        submittedAt: now.toISOString(),
        dueDate,
      });
      return request;
    });
  }

  private async servicingProvider(tx: EntityManager, providerId: string): Promise<Provider> {
    const provider = await tx.findOneBy(Provider, { pid: providerId });
    if (!provider) refuse('servicingProviderId', `No individual servicing provider has the Provider ID ${providerId}`);
    const elsewhere = NOT_LINKABLE[provider.providerType];
    if (elsewhere) refuse('servicingProviderId', elsewhere);
    return provider;
  }

  private checkDates({ kind, effectiveDate, endDate }: SubmitCommand, today: string): void {
    if (kind === 'LINK' && effectiveDate! < today) {
      refuse('effectiveDate', `The effective date cannot be before today (${today}): MassHealth does not backdate group links`);
    }
    if (kind === 'LINK' && endDate && endDate < effectiveDate!) refuse('endDate', 'The end date must be on or after the effective date');
    if (kind === 'UNLINK' && endDate! < today) {
      refuse('endDate', `The end date cannot be before today (${today}): MassHealth does not backdate changes`);
    }
  }

  private async checkAgainstLinks(tx: EntityManager, command: SubmitCommand, provider: Provider): Promise<void> {
    if (command.kind === 'LINK') {
      const overlapping = await this.links.overlapping(command.pidsl, provider.npi, command.effectiveDate!, command.endDate ?? null, tx);
      if (overlapping) {
        throw new ConflictException(
          `Provider ${provider.pid} is already linked to ${command.pidsl} from ${overlapping.effectiveDate}` +
            (overlapping.endDate ? ` to ${overlapping.endDate}` : ''),
        );
      }
      return;
    }
    const linked = await this.links.activeLinkOn(command.pidsl, provider.npi, command.endDate!, tx);
    if (!linked) throw new ConflictException(`Provider ${provider.pid} is not linked to ${command.pidsl} on ${command.endDate}`);
  }
}
