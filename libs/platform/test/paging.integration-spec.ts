import { inOneSnapshot } from '../src/paging';
import { scratchTable } from './scratch-table';

/**
 * A page and its total read while another connection commits a row between the two statements:
 * both must see the same rows.
 */
describe('a page and its total, from one snapshot', () => {
  const { db, table } = scratchTable(3);

  beforeAll(async () => {
    await db.query(`INSERT INTO ${table} SELECT generate_series(1, 3)`);
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
