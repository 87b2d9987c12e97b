import { InjectQueue, Processor, WorkerHost } from '@nestjs/bullmq';
import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Queue } from 'bullmq';
import { JobPayloads, Queues } from '@rosterlink/contracts';
import { LinkRequestServiceConfig } from '../config/link-request-service.config';
import { CheckLinkRequestSla } from './check-link-request-sla.handler';

const SCHEDULER_ID = 'link-request-sla-sweep';

/** Runs the SLA sweep when BullMQ's job scheduler says so. */
@Processor(Queues.LinkRequestSla)
export class LinkRequestSlaProcessor extends WorkerHost {
  constructor(private readonly check: CheckLinkRequestSla) {
    super();
  }

  process() {
    return this.check.sweep();
  }
}

/**
 * Keeps the sweep scheduled. Redis here keeps nothing on disk, so a restart or FLUSHALL drops the
 * scheduler: it is (re)declared at start-up and whenever the watchdog finds it missing. Nothing is
 * lost meanwhile, because the sweep reads every open request from PostgreSQL.
 */
@Injectable()
export class LinkRequestSlaSchedule implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(LinkRequestSlaSchedule.name);
  private watchdog?: NodeJS.Timeout;

  constructor(
    @InjectQueue(Queues.LinkRequestSla) private readonly queue: Queue<JobPayloads['link-request-sla']>,
    private readonly config: LinkRequestServiceConfig,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    // Declared outright at start-up, so a changed interval replaces the old one.
    await this.schedule();
    this.watchdog = setInterval(() => void this.ensureScheduled(), Math.max(1000, this.config.SLA_SWEEP_INTERVAL_MS));
  }

  onApplicationShutdown(): void {
    clearInterval(this.watchdog);
  }

  private async ensureScheduled(): Promise<void> {
    try {
      if (!(await this.queue.getJobScheduler(SCHEDULER_ID))) await this.schedule();
    } catch (error) {
      this.logger.warn({ msg: 'Cannot check the SLA sweep schedule; retrying', error: String(error) });
    }
  }

  private async schedule(): Promise<void> {
    try {
      // Upserting another interval may leave the old schedule's next run where it was (an hour away, say), and the new
      // interval would start only then: a scheduler with another interval is removed, with its next run, first.
      const held = await this.queue.getJobScheduler(SCHEDULER_ID);
      if (held && held.every !== this.config.SLA_SWEEP_INTERVAL_MS) await this.queue.removeJobScheduler(SCHEDULER_ID);
      await this.queue.upsertJobScheduler(SCHEDULER_ID, { every: this.config.SLA_SWEEP_INTERVAL_MS }, { name: 'sweep', data: {} });
      this.logger.log(`SLA sweep scheduled every ${this.config.SLA_SWEEP_INTERVAL_MS} ms`);
    } catch (error) {
      this.logger.warn({ msg: 'Cannot schedule the SLA sweep; the watchdog retries', error: String(error) });
    }
  }
}
