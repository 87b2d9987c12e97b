import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Queues } from '@rosterlink/contracts';
import { RecurringTask } from '@rosterlink/platform';
import { Letter } from './letter.entity';
import { LetterDeliveryQueue, LetterRenderQueue, queueDelivery, queueRender } from './letter-queues';

/**
 * PostgreSQL holds each letter's status: at start-up and every 30 s, unfinished letters are queued
 * again for their next step (job ids prevent doubles). Nothing is lost with Redis.
 */
@Injectable()
export class LetterRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly recurring = new RecurringTask('Letter recovery', 30_000, () => this.sweep());

  constructor(
    @InjectRepository(Letter) private readonly letters: Repository<Letter>,
    @InjectQueue(Queues.LetterRender) private readonly renderQueue: LetterRenderQueue,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: LetterDeliveryQueue,
  ) {}

  onApplicationBootstrap(): void {
    this.recurring.start();
  }

  onApplicationShutdown(): void {
    this.recurring.stop();
  }

  async sweep(): Promise<void> {
    const unfinished = await this.letters.find({ where: { status: In(['PENDING', 'RENDERED']) }, select: { letterId: true, status: true } });
    for (const { letterId, status } of unfinished) {
      await (status === 'PENDING' ? queueRender(this.renderQueue, letterId) : queueDelivery(this.deliveryQueue, letterId));
    }
  }
}
