import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { Grant } from '../grant/grant.entity';
import { GrantRepository } from '../grant/grant.repository';
import { AccessDecision, AccessRefusal, AccessStateChange, Actor, manageRefusal } from '../grant/grant.rules';
import { ProviderGroupRepository } from '../provider-group/provider-group.repository';

/** The HTTP error of a refusal of grant.rules. */
export function refused(refusal: AccessRefusal): Error {
  return refusal.kind === 'conflict' ? new ConflictException(refusal.message) : new NotFoundException(refusal.message);
}

/** The changes a decision of grant.rules makes; throws its refusal. */
export function changesOf(decision: AccessDecision): AccessStateChange[] {
  if ('refusal' in decision) throw refused(decision.refusal);
  return decision.changes;
}

/**
 * The first step of every use case on one PID/SL's access: it must exist in the provider master,
 * and the caller must be the back office or its Primary User; 404 otherwise, the same answer for both.
 */
@Injectable()
export class ManagedServiceLocation {
  constructor(
    private readonly groups: ProviderGroupRepository,
    private readonly grants: GrantRepository,
  ) {}

  /** The PID/SL's Primary User's grant (null when it has none), once `actor` may manage it. */
  async require(actor: Actor, pidsl: string, tx?: EntityManager): Promise<Grant | null> {
    const group = await this.groups.groupOf(pidsl, tx);
    const primary = await this.grants.primaryOf(pidsl, tx);
    const refusal = manageRefusal(actor, pidsl, group, primary?.userId ?? null);
    if (refusal) throw refused(refusal);
    return primary;
  }
}
