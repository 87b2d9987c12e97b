import { Injectable, NotFoundException } from '@nestjs/common';
import { AuthenticatedUser } from '@rosterlink/auth';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';
import { ServicingLink } from '../servicing-link/servicing-link.entity';

/** The question a claims system asks before it pays: was this rendering provider linked here on that date? */
@Injectable()
export class VerifyLink {
  constructor(private readonly links: ServicingLinkRepository) {}

  async execute(
    user: AuthenticatedUser,
    pidsl: string,
    npi: string,
    date: string,
  ): Promise<{ linked: true; link: ServicingLink } | { linked: false }> {
    // A location outside the caller's grants does not exist for them.
    if (!user.canActForLocation(pidsl)) throw new NotFoundException(`Service location ${pidsl} not found`);
    const link = await this.links.activeLinkOn(pidsl, npi, date);
    return link ? { linked: true, link } : { linked: false };
  }
}
