import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { inOneSnapshot } from '../src/paging';

// The run's database, as jest's global setup published it (the testing library cannot be imported
// here: it depends on this library).
const DATABASE_URL = process.env['ROSTERLINK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A page and its total read while another connection commits a row between the two statements:
 * both must see the same rows.
 */
describe('a page and its total, from one snapshot', () => {
  const table = `paging_${randomUUID().replace(/-/g, '')}`;
  const db = new DataSource({ type: 'postgres', url: DATABASE_URL, poolSize: 3 });

  beforeAll(async () => {
    await db.initialize();
    await db.query(`CREATE TABLE ${table} (n int PRIMARY KEY)`);
    await db.query(`INSERT INTO ${table} SELECT generate_series(1, 3)`);
  });

  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.destroy();
  });

  it('lists and counts the same rows when one is committed in between (inOneSnapshot)', async () => {
    const [items, total] = await inOneSnapshot(db, async (tx) => {
      const rows: { n: number }[] = await tx.query(`SELECT n FROM ${table} ORDER BY n`);
      await db.query(`INSERT INTO ${table} VALUES (100)`); // another connection, committed
      const [{ total }]: { total: number }[] = await tx.query(`SELECT count(*)::int AS total FROM ${table}`);
      return [rows, total];
    });
    expect(total).toBe(items.length);
    expect((await db.query(`SELECT count(*)::int AS total FROM ${table}`))[0].total).toBe(items.length + 1);
  });
});
