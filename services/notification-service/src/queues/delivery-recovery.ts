import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Queues } from '@rosterlink/contracts';
import { RecurringTask } from '@rosterlink/platform';
import { TeamAlertEmail } from '../alert-team/team-alert-email.entity';
import { Letter } from '../letter/letter.entity';
import {
  LetterDeliveryQueue,
  LetterRenderQueue,
  queueDelivery,
  queueRender,
  queueTeamAlertEmail,
  TeamAlertEmailQueue,
} from './delivery-queues';

/**
 * PostgreSQL holds the state of every letter and team alert e-mail: at start-up and every 30 s,
 * unfinished ones are queued again for their next step (job ids prevent doubles). Nothing is lost with Redis.
 */
@Injectable()
export class DeliveryRecovery implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly recurring = new RecurringTask('Delivery recovery', 30_000, () => this.sweep());

  constructor(
    @InjectRepository(Letter) private readonly letters: Repository<Letter>,
    @InjectRepository(TeamAlertEmail) private readonly teamAlertEmails: Repository<TeamAlertEmail>,
    @InjectQueue(Queues.LetterRender) private readonly renderQueue: LetterRenderQueue,
    @InjectQueue(Queues.LetterDelivery) private readonly deliveryQueue: LetterDeliveryQueue,
    @InjectQueue(Queues.TeamAlertEmail) private readonly teamAlertQueue: TeamAlertEmailQueue,
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
    const unsent = await this.teamAlertEmails.find({ where: { status: 'PENDING' }, select: { notificationId: true } });
    for (const { notificationId } of unsent) await queueTeamAlertEmail(this.teamAlertQueue, notificationId);
  }
}
