import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { PractitionerAffiliatedV1 } from '@rosterlink/contracts';
import { ServicingLinkRepository } from '../servicing-link/servicing-link.repository';
import { checkAffiliations, placements, roundsByPractitioner, splitByTarget } from '../servicing-link/servicing-link.rules';

/**
 * Keeps the servicing links a roster import states (`practitioner.affiliated.v1`; the rules in
 * servicing-link.rules.ts), in the consumer's transaction. Set-based: a consumed batch is applied
 * in rounds, the n-th round holding the n-th event of each practitioner of a group (events of
 * different practitioners touch different rows), each round in three statements whatever its size.
 */
@Injectable()
export class RecordPractitionerAffiliation {
  constructor(private readonly links: ServicingLinkRepository) {}

  async execute(tx: EntityManager, affiliations: readonly PractitionerAffiliatedV1[]): Promise<void> {
    checkAffiliations(affiliations);
    await this.links.useIndexesOnly(tx);
    for (const round of roundsByPractitioner(affiliations)) {
      const { updates, inserts } = splitByTarget(round, await this.links.moveAndFindTargets(tx, round, placements(round)));
      await this.links.updateFromAffiliations(tx, updates);
      await this.links.insertFromAffiliations(tx, inserts);
    }
  }
}
