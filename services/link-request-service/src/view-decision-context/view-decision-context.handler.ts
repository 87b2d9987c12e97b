import { Injectable, NotFoundException } from '@nestjs/common';
import { businessDateOf, type DecisionContext, isLinkable, notLinkableReason, type PostalAddress } from '@rosterlink/contracts';
import { Clock } from '@rosterlink/platform';
import { LinkRequestRepository } from '../link-request/link-request.repository';
import { requestNotFound } from '../link-request/link-request.rules';
import { ProviderDirectoryRepository } from '../provider-directory/provider-directory.repository';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';

export type { DecisionContext } from '@rosterlink/contracts';

/**
 * The decision context of a link request: the provider as the provider master holds them (with
 * whether they may be linked at all), the location and its group, the provider's servicing links at
 * every location of the group, and their other open requests anywhere. Back office only (the controller).
 */
@Injectable()
export class ViewDecisionContext {
  constructor(
    private readonly requests: LinkRequestRepository,
    private readonly directory: ProviderDirectoryRepository,
    private readonly links: ServicingLinkRepository,
    private readonly clock: Clock,
  ) {}

  async execute(requestId: string): Promise<DecisionContext> {
    const request = await this.requests.withOtherOpenRequests(requestId);
    if (!request) throw new NotFoundException(requestNotFound(requestId).message);
    const [provider, location, locationNames, links] = await Promise.all([
      this.directory.provider(request.providerPid),
      this.directory.location(request.pidsl),
      this.directory.locationNames(request.groupId),
      this.links.linksInGroup(request.groupId, request.npi),
    ]);
    const today = businessDateOf(this.clock.now());
    const providerType = provider?.providerType ?? request.providerType;
    return {
      requestId,
      provider: {
        providerId: request.providerPid,
        npi: provider?.npi ?? request.npi,
        firstName: provider?.firstName ?? request.firstName,
        lastName: provider?.lastName ?? request.lastName,
        providerType,
        linkable: isLinkable(providerType),
        notLinkableReason: notLinkableReason(providerType) ?? null,
        credentialed: provider?.credentialed ?? null,
        updatedAt: provider?.updatedAt.toISOString() ?? null,
      },
      location: {
        pidsl: request.pidsl,
        groupId: request.groupId,
        locationName: location?.locationName ?? null,
        groupName: location?.groupName ?? null,
        dbaName: location?.dbaName ?? null,
        address: location ? oneLine(location.dbaAddress) : null,
      },
      links: links.map((link) => ({
        pidsl: link.pidsl,
        locationName: locationNames.get(link.pidsl) ?? null,
        dbaName: location?.dbaName ?? null,
        effectiveDate: link.effectiveDate,
        endDate: link.endDate,
        active: link.effectiveDate <= today && (link.endDate === null || link.endDate >= today),
        source: link.source,
      })),
      otherOpenRequests: request.otherOpenRequests.map((o) => ({ ...o, submittedAt: o.submittedAt.toISOString() })),
    };
  }
}

/** `1 Main St, Suite 2, Boston, MA 02108`. */
function oneLine(address: PostalAddress): string {
  return [address.line1, address.line2, address.city, `${address.state} ${address.zip}`].filter(Boolean).join(', ');
}
