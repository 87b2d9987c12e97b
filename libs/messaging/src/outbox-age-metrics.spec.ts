import { Registry } from 'prom-client';
import { DataSource } from 'typeorm';
import { OutboxAgeMetrics, oldestUnpublishedAgeSql } from './outbox-age-metrics';

function fakeDataSource(query: (sql: string) => Promise<unknown[]>): DataSource {
  const source = Object.create(DataSource.prototype) as DataSource;
  Object.defineProperty(source, 'options', { value: { schema: 'roster_import' } });
  source.query = query as DataSource['query'];
  return source;
}

describe('OutboxAgeMetrics', () => {
  it('reads the first unpublished row by seq alone (the partial index), in the service schema', () => {
    const sql = oldestUnpublishedAgeSql('"roster_import".outbox');
    expect(sql).toContain('FROM "roster_import".outbox');
    expect(sql).toMatch(/WHERE published_at IS NULL ORDER BY seq LIMIT 1/);
  });

  it('reports the age the database gives, and NaN when the database fails', async () => {
    const queries: string[] = [];
    const registry = new Registry();
    let answer: () => Promise<unknown[]> = async () => [{ age: 42.5 }];
    new OutboxAgeMetrics(
      fakeDataSource((sql) => {
        queries.push(sql);
        return answer();
      }),
      registry,
    );
    const text = await registry.metrics();
    expect(text).toContain('# HELP rosterlink_outbox_oldest_unpublished_age_seconds');
    expect(text).toMatch(/^rosterlink_outbox_oldest_unpublished_age_seconds 42\.5$/m);
    expect(queries[0]).toContain('"roster_import".outbox');
    answer = () => Promise.reject(new Error('database away'));
    expect(await registry.metrics()).toMatch(/^rosterlink_outbox_oldest_unpublished_age_seconds NaN$/im);
  });
});
