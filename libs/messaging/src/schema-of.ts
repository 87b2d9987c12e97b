import { DataSource, EntityManager } from 'typeorm';

/** `"schema".table` in the service's own schema (the data source's `schema` option). */
export function qualifiedTable(source: DataSource | EntityManager, table: string): string {
  const connection = source instanceof DataSource ? source : source.connection;
  const schema = (connection.options as { schema?: string }).schema ?? 'public';
  return `"${schema}".${table}`;
}
