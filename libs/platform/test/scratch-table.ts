import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';

// The run's database, as jest's global setup published it (the testing library cannot be imported
// here: it depends on this library).
const DATABASE_URL = process.env['ROSTERLINK_TEST_DATABASE_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/**
 * A data source on the test run's PostgreSQL and a table of its own (`n int PRIMARY KEY`) for the
 * calling `describe`: opened and created before its tests, dropped and closed after them.
 */
export function scratchTable(poolSize: number): { db: DataSource; table: string } {
  const table = `scratch_${randomUUID().replace(/-/g, '')}`;
  const db = new DataSource({ type: 'postgres', url: DATABASE_URL, poolSize });
  beforeAll(async () => {
    await db.initialize();
    await db.query(`CREATE TABLE ${table} (n int PRIMARY KEY)`);
  });
  afterAll(async () => {
    await db.query(`DROP TABLE IF EXISTS ${table}`);
    await db.destroy();
  });
  return { db, table };
}
