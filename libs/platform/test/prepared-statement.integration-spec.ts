import { QueryFailedError } from 'typeorm';
import { preparedQuery, statementName } from '../src/prepared-statement';
import { scratchTable } from './scratch-table';

/** Hot-path statements run as named prepared statements, on the pool or in the caller's transaction. */
describe('preparedQuery', () => {
  // One connection: what the statement left on it is what the next query sees.
  const { db, table } = scratchTable(1);

  it('prepares the statement once on the connection, under a name derived from its text, and returns its rows', async () => {
    const text = `INSERT INTO ${table} VALUES ($1) RETURNING n`;
    expect(await preparedQuery(db, text, [1])).toEqual([{ n: 1 }]);
    expect(await preparedQuery(db, text, [2])).toEqual([{ n: 2 }]);
    const prepared: { name: string; statement: string }[] = await db.query('SELECT name, statement FROM pg_prepared_statements');
    expect(prepared).toEqual([{ name: statementName(text), statement: text }]);
    expect(statementName(`${text} `)).not.toBe(statementName(text));
  });

  it('runs in the caller’s transaction: what it wrote goes when the transaction rolls back', async () => {
    await expect(
      db.transaction(async (tx) => {
        await preparedQuery(tx, `INSERT INTO ${table} VALUES ($1)`, [10]);
        expect(await tx.query(`SELECT n FROM ${table} WHERE n = 10`)).toEqual([{ n: 10 }]);
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await db.query(`SELECT n FROM ${table} WHERE n = 10`)).toEqual([]);
  });

  it('fails as query() does: a QueryFailedError carrying PostgreSQL’s code', async () => {
    const failure = await preparedQuery(db, `INSERT INTO ${table} VALUES ($1)`, [1]).catch((error: unknown) => error);
    expect(failure).toBeInstanceOf(QueryFailedError);
    expect((failure as QueryFailedError & { driverError: { code: string } }).driverError.code).toBe('23505');
  });
});
