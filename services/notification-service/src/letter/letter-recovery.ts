import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Queues } from '@rosterlink/contracts';
import { Letter } from './letter.entity';
import { LetterDeliveryQueue, LetterRenderQueue, queueDelivery, queueRender } from './letter-queues';

const SWEEP_EVERY_MS = 30_000;

/**
 * PostgreSQL holds each letter's status: at start-up and every 30 s, unfinished letters are queued
 * again for their next step (job ids prevent doubles). Nothing is lost with Redis.
 */
@Injectable()
export class LetterRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LetterRecovery.name);
  private timer?: NodeJS.Timeout;

  constructor(
    @InjectRepository(Letter) private readonly letters: Repository<Letter>,
    @InjectQueue(Queues.LetterRender) private readonly renderQueue: LetterRenderQueue,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: LetterDeliveryQueue,
  ) {}

  onApplicationBootstrap(): void {
    void this.sweep();
    this.timer = setInterval(() => void this.sweep(), SWEEP_EVERY_MS);
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async sweep(): Promise<void> {
    try {
      const unfinished = await this.letters.find({ where: { status: In(['PENDING', 'RENDERED']) }, select: { letterId: true, status: true } });
      for (const { letterId, status } of unfinished) {
        await (status === 'PENDING' ? queueRender(this.renderQueue, letterId) : queueDelivery(this.deliveryQueue, letterId));
      }
    } catch (error) {
      this.logger.warn({ msg: 'Letter recovery sweep failed; next sweep retries', error: String(error) });
    }
  }
}
