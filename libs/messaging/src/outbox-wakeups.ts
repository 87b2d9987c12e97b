import { Logger } from '@nestjs/common';
import { setTimeout as sleep } from 'node:timers/promises';
import { Client } from 'pg';

/**
 * A PostgreSQL connection that LISTENs on the outbox's channel and calls `onWake` whenever a
 * transaction that recorded events commits. It reconnects by itself; while it is away, the
 * relay's poll carries on, so a lost notification only delays an event, never loses it.
 */
export class OutboxWakeups {
  private readonly logger = new Logger(OutboxWakeups.name);
  private client?: Client;
  private stopped = false;

  constructor(
    private readonly connectionString: string,
    private readonly channel: string,
    private readonly onWake: () => void,
  ) {}

  start(): void {
    void this.listenUntilStopped();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    await this.client?.end().catch(() => undefined);
  }

  private async listenUntilStopped(): Promise<void> {
    for (let attempt = 0; !this.stopped; attempt++) {
      const client = new Client({ connectionString: this.connectionString, application_name: `${this.channel}-listener` });
      const ended = new Promise<void>((resolve) => {
        client.on('error', () => resolve());
        client.on('end', () => resolve());
      });
      try {
        await client.connect();
        client.on('notification', () => this.onWake());
        await client.query(`LISTEN "${this.channel}"`);
        this.client = client;
        attempt = 0;
        // Events committed while this connection was away are found by this first wake.
        this.onWake();
        await ended;
      } catch (error) {
        if (attempt === 1) this.logger.warn({ msg: 'Outbox listener cannot connect; the relay polls meanwhile', error: String(error) });
      }
      await client.end().catch(() => undefined);
      if (!this.stopped) await sleep(Math.min(5_000, 250 * 2 ** Math.min(attempt, 5)));
    }
  }
}
