import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRequestProcessedV1 } from '@rosterlink/contracts';
import { letterKindOf } from '@rosterlink/letters';
import type { ReceivedEvent } from '@rosterlink/messaging';
import { LetterRepository } from '../letter/letter.repository';
import { DeliveryJobs } from '../queues/delivery-queues';

/**
 * A processed link request gets exactly one letter (per request and kind): a replayed event finds
 * the letter already there. Rendering is queued once the letter is committed; the recovery sweep
 * queues any the queue lost.
 */
@Injectable()
export class CreateLetter {
  constructor(
    private readonly letters: LetterRepository,
    private readonly jobs: DeliveryJobs,
  ) {}

  async execute(request: LinkRequestProcessedV1, tx: EntityManager, afterCommit: ReceivedEvent<unknown>['afterCommit']): Promise<void> {
    const letterId = await this.letters.createOnce(tx, {
      letterId: randomUUID(),
      requestId: request.requestId,
      kind: letterKindOf(request),
      pidsl: request.pidsl,
      groupId: request.groupId,
      recipient: request.recipient,
      request,
    });
    if (letterId) afterCommit(() => this.jobs.render(letterId));
  }
}
