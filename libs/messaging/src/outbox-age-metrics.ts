import { Inject, Injectable } from '@nestjs/common';
import { Gauge, Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { qualifiedTable } from './schema-of';

/**
 * The age of the oldest event the relay has not published yet, in seconds, or 0 when nothing
 * waits. The relay publishes in `seq` order, so the first unpublished row by `seq` is the one
 * holding the line: this reads that row alone, through the partial index on unpublished rows
 * (`outbox_unpublished_idx`), whatever the backlog. Both ends of the age are the database's clock.
 */
export function oldestUnpublishedAgeSql(outbox: string): string {
  return `SELECT COALESCE((SELECT EXTRACT(EPOCH FROM now() - created_at)::float8 FROM ${outbox}
                          WHERE published_at IS NULL ORDER BY seq LIMIT 1), 0) AS age`;
}

/** `rosterlink_outbox_oldest_unpublished_age_seconds`, read from PostgreSQL at scrape time. */
@Injectable()
export class OutboxAgeMetrics {
  constructor(dataSource: DataSource, @Inject(Registry) registry: Registry) {
    const sql = oldestUnpublishedAgeSql(qualifiedTable(dataSource, 'outbox'));
    new Gauge({
      name: 'rosterlink_outbox_oldest_unpublished_age_seconds',
      help: 'Seconds since the oldest event not yet published to Kafka was committed; 0 when the outbox is drained, NaN while PostgreSQL does not answer',
      registers: [registry],
      async collect() {
        try {
          const [row]: { age: number }[] = await dataSource.query(sql);
          this.set(Math.max(0, Number(row.age)));
        } catch {
          // Unknown rather than stale or 0 (a gauge without labels always has a sample); no threshold holds for NaN.
          this.set(Number.NaN);
        }
      },
    });
  }
}
