import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';

/**
 * Letters and team alert e-mails by status, read from PostgreSQL at scrape time: SRE alerts on
 * `rosterlink_letters{status="FAILED"} > 0`, and a growing PENDING/RENDERED count shows a stuck queue.
 */
@Injectable()
export class DeliveryMetrics {
  constructor(dataSource: DataSource, @Inject(Registry) registry: Registry) {
    for (const [name, table, statuses] of [
      ['rosterlink_letters', 'notification.letters', ['PENDING', 'RENDERED', 'SENT', 'FAILED']],
      ['rosterlink_team_alert_emails', 'notification.team_alert_emails', ['PENDING', 'SENT', 'FAILED']],
    ] as const) {
      new Gauge({
        name,
        help: `${table.split('.')[1].replace(/_/g, ' ')} by status`,
        labelNames: ['status'],
        registers: [registry],
        async collect() {
          const rows: { status: string; n: number }[] = await dataSource.query(`SELECT status, count(*)::int AS n FROM ${table} GROUP BY status`);
          // Every status is reported, zero included, so an alert on FAILED has a series to watch.
          for (const status of statuses) this.set({ status }, rows.find((r) => r.status === status)?.n ?? 0);
        },
      });
    }
  }
}
