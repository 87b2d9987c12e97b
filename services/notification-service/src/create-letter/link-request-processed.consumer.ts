import { randomUUID } from 'node:crypto';
import { InjectQueue } from '@nestjs/bullmq';
import { Controller } from '@nestjs/common';
import { EntityManager } from 'typeorm';
import { LinkRequestProcessedV1, Queues, Topics } from '@rosterlink/contracts';
import { letterKindOf } from '@rosterlink/letters';
import { OnEvent, ReceivedEvent } from '@rosterlink/messaging';
import { LetterRenderQueue, queueRender } from '../queues/delivery-queues';

/**
 * A processed link request gets exactly one letter (per request and kind): a replayed event finds
 * the letter already there. Rendering is queued once the letter is committed; the recovery sweep
 * queues any the queue lost.
 */
@Controller()
export class LinkRequestProcessedConsumer {
  constructor(@InjectQueue(Queues.LetterRender) private readonly renderQueue: LetterRenderQueue) {}

  @OnEvent(Topics.LinkRequestProcessed)
  async onProcessed({ payload, afterCommit }: ReceivedEvent<LinkRequestProcessedV1>, tx: EntityManager): Promise<void> {
    const [created] = await tx.query(
      `INSERT INTO notification.letters (letter_id, request_id, kind, pidsl, group_id, status, recipient, request)
       VALUES ($1, $2, $3, $4, $5, 'PENDING', $6, $7)
       ON CONFLICT (request_id, kind) DO NOTHING RETURNING letter_id`,
      [randomUUID(), payload.requestId, letterKindOf(payload), payload.pidsl, payload.groupId, payload.recipient, payload],
    );
    if (created) afterCommit(() => queueRender(this.renderQueue, created.letter_id));
  }
}
