import { Logger } from '@nestjs/common';

/**
 * Runs `task` now and then every `intervalMs` until stopped. A failing run is logged once per
 * run (without data) and the next run simply tries again: for sweeps that re-derive work from
 * PostgreSQL, such as re-queuing jobs a Redis restart lost.
 */
export class RecurringTask {
  private readonly logger: Logger;
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly name: string,
    private readonly intervalMs: number,
    private readonly task: () => Promise<unknown>,
  ) {
    this.logger = new Logger(name);
  }

  start(): void {
    void this.runOnce();
    this.timer = setInterval(() => void this.runOnce(), this.intervalMs);
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private async runOnce(): Promise<void> {
    try {
      await this.task();
    } catch (error) {
      this.logger.warn({ msg: `${this.name} failed; the next run retries`, error: String(error) });
    }
  }
}
