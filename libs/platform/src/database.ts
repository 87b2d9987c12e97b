import { types } from 'pg';
import { DataSource, DataSourceOptions, QueryRunner } from 'typeorm';

// A calendar date (`date` columns: effective dates, dates of birth) stays the string PostgreSQL
// sends; node-postgres would otherwise turn it into a Date at local midnight and shift it.
const PG_DATE_OID = 1082;
types.setTypeParser(PG_DATE_OID, (value: string) => value);
import type { ServiceConfig } from './service-config';

export interface DatabaseOptions {
  /** The PostgreSQL schema this service owns; nobody else reads it. */
  schema: string;
  entities: NonNullable<DataSourceOptions['entities']>;
  migrations: NonNullable<DataSourceOptions['migrations']>;
}

export function dataSourceOptions(config: ServiceConfig, database: DatabaseOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: config.DATABASE_URL,
    schema: database.schema,
    entities: database.entities,
    migrations: database.migrations,
    migrationsTableName: 'migrations',
    migrationsTransactionMode: 'each',
    synchronize: false,
    poolSize: config.DATABASE_POOL_SIZE,
    // Not 'error': TypeORM would print failed queries with their parameters (names, NPIs, dates).
    // Errors reach the caller, which decides what (without data) to log.
    logging: ['migration'],
    applicationName: database.schema,
  };
}

/**
 * Opens the data source and brings the service's schema up to date. An advisory lock lets
 * several instances start at once without running a migration twice.
 */
export async function openDatabase(options: DataSourceOptions, { migrate } = { migrate: true }): Promise<DataSource> {
  const dataSource = await new DataSource({ ...options, migrationsRun: false }).initialize();
  const schema = (options as { schema: string }).schema;
  const runner = dataSource.createQueryRunner();
  try {
    await runner.query('SELECT pg_advisory_lock(hashtext($1))', [`migrations:${schema}`]);
    await runner.query(`CREATE SCHEMA IF NOT EXISTS "${schema}"`);
    if (migrate) await dataSource.runMigrations({ transaction: 'each' });
  } finally {
    await runner.query('SELECT pg_advisory_unlock(hashtext($1))', [`migrations:${schema}`]).catch(() => undefined);
    await runner.release();
  }
  return dataSource;
}

/**
 * The schema a migration runs in: its service's (the data source's `schema`). For the migrations a
 * library brings to every service that keeps its tables (the provider master, the access grants).
 */
export function schemaOf(queryRunner: QueryRunner): string {
  return (queryRunner.connection.options as { schema?: string }).schema ?? 'public';
}
