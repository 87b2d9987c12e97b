/**
 * Process Roster Import on 100,000 rows against the real PostgreSQL: stream → parse → validate →
 * stage → upsert → one outbox event per practitioner, in one transaction. Prints wall time and
 * the process's peak RSS. Uses its own database (created and dropped); needs no Kafka.
 *   npm run bench   (or: node -r @swc-node/register services/import-service/bench/roster-import.bench.ts)
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createServiceApp } from '@rosterlink/platform';
import { LocalDirectoryRosterFileStore } from '@rosterlink/roster-file';
import { groupPractice, rosterCsv, rosterRow } from '@rosterlink/testing';
import { IMPORT_SERVICE } from '../src/app.module';
import { RunRosterImport } from '../src/process-roster-import/run-roster-import.handler';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';

async function main(): Promise<void> {
  const database = `rosterlink_bench_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const files = await mkdtemp(join(tmpdir(), 'rosterlink-bench-'));
  try {
    const app = await createServiceApp(IMPORT_SERVICE, {
      DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`),
      ROSTER_FILE_STORE_DIR: files,
      LOG_LEVEL: 'warn',
      // Kafka is not used: events stay in the outbox, which is what is measured.
      KAFKA_BROKERS: '127.0.0.1:1',
    });
    const db = app.get(DataSource);
    const group = groupPractice({ pid: '110000099', serviceLocations: [{ sl: 'A' }] });
    await db.query(
      `INSERT INTO roster_import.provider_groups (pid, name, dba_name, dba_address, service_locations, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())`,
      [group.pid, group.name, group.dbaName, group.dbaAddress, JSON.stringify(group.serviceLocations)],
    );
    const csv = rosterCsv(Array.from({ length: ROWS }, (_, i) => rosterRow(i + 1)));
    const path = join(files, 'roster.csv');
    await writeFile(path, csv);
    const sha256 = createHash('sha256').update(await readFile(path)).digest('hex');
    const { storageKey } = await new LocalDirectoryRosterFileStore(files).keep(path, sha256);
    await db.query(
      `INSERT INTO roster_import.cases (case_number, upload_id, group_id, import_type, status, file_format, file_name, storage_key)
       VALUES ('RI-2026-000001', gen_random_uuid(), $1, 'ADD_UPDATE', 'PROCESSING', 'CSV', 'roster.csv', $2)`,
      [group.pid, storageKey],
    );

    const rssBefore = process.memoryUsage().rss;
    let peak = rssBefore;
    const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
    const started = process.hrtime.bigint();
    const status = await app.get(RunRosterImport).execute('RI-2026-000001');
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM roster_import.outbox`);
    console.log(
      `roster import: ${ROWS} rows (${(Buffer.byteLength(csv) / 1e6).toFixed(1)} MB CSV) → ${status} in ${seconds.toFixed(2)} s ` +
        `(${Math.round(ROWS / seconds)} rows/s), ${events} outbox events, RSS ${mib(rssBefore)} → peak ${mib(peak)} MiB`,
    );
    await app.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await rm(files, { recursive: true, force: true });
  }
}

const mib = (bytes: number) => Math.round(bytes / 1024 / 1024);

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
