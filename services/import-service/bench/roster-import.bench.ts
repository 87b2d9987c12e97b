/**
 * Process Roster Import against the real PostgreSQL, as the service runs it: the built import-service
 * (`dist/services/import-service/main.js`, built here through Nx's cache) as its own process, the
 * import started by `POST /cases/{caseNumber}/process` and timed until the case is final. Kafka is
 * not used: events stay in the outbox, which is what is measured. Uses its own database.
 *
 * For 1,000 / 10,000 / 100,000 valid rows and 100,000 rows of which 5% have errors, in the same run:
 * - Process Roster Import seconds, against the floor: `psql \copy` of the same file into a bare table
 *   of the same columns with the same indexes as practitioners (median of 3);
 * - rows/s, and the service's peak RSS during the import (Linux VmHWM, reset before each import);
 * - the naive way: TypeORM `save()` per row on the first 5,000 rows, extrapolated to the full size;
 * - RSS after each of 3 consecutive 100,000-row imports in the one process (the median is reported).
 *
 *   npm run bench   (or: node -r @swc-node/register services/import-service/bench/roster-import.bench.ts)
 * BENCH_ROWS scales the largest size down (e.g. 20000 while developing); BENCH_NODE_OPTIONS passes
 * flags to the service (e.g. `--cpu-prof --cpu-prof-dir=/tmp/prof-import`).
 */
import { ChildProcess, execFile, execFileSync, spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { once } from 'node:events';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { SERVICE_NODE_FLAGS } from '@rosterlink/platform';
import { createRowValidator, matchRosterHeader, ROSTER_COLUMNS } from '@rosterlink/roster';
import { LocalDirectoryRosterFileStore, readRosterRows, toCsvLine } from '@rosterlink/roster-file';
import {
  backOfficeUser,
  groupPractice,
  recordBench,
  rosterRow,
  RosterRowValues,
  serviceEnv,
  tokenFor,
} from '@rosterlink/testing';
import { Practitioner } from '../src/practitioner/practitioner.entity';

const ROWS = Number(process.env['BENCH_ROWS'] ?? 100_000);
const NAIVE_ROWS = Math.min(5000, ROWS);
const CONSECUTIVE_RUNS = 3;
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const REDIS_URL = process.env['BENCH_REDIS_URL'] ?? 'redis://127.0.0.1:6379';
const ROOT = join(__dirname, '../../..');
const SECTION = 'roster import';
/** The goals of issue 11, for the 100,000-row roster. */
const GOAL_RATIO = 4;
const GOAL_PEAK_RSS_MIB = 150;

const run = promisify(execFile);
const HEADERS = ROSTER_COLUMNS.map((c) => c.header);
/** The CSV's columns as practitioners names them (the floor copies the file into these). */
const FLOOR_COLUMNS = ROSTER_COLUMNS.map((c) => c.key.replace(/[A-Z]/g, (l) => `_${l.toLowerCase()}`));

interface RosterFile {
  rows: number;
  path: string;
  storageKey: string;
  megabytes: number;
}

interface ImportRun {
  status: string;
  seconds: number;
  peakMiB: number;
  afterMiB: number;
}

async function main(): Promise<void> {
  console.log(`roster import bench: ${ROWS.toLocaleString('en-US')} rows at most (BENCH_ROWS), building import-service …`);
  execFileSync('npx', ['nx', 'build', 'import-service', '--outputStyle=static'], {
    cwd: ROOT,
    stdio: ['ignore', 'ignore', 'inherit'],
    env: { ...process.env, NX_DAEMON: 'false', NX_NO_CLOUD: 'true', NX_TUI: 'false' },
  });

  const database = `rosterlink_bench_import_${process.pid}`;
  const databaseUrl = ADMIN_URL.replace(/\/[^/]*$/, `/${database}`);
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  const files = await mkdtemp(join(tmpdir(), 'rosterlink-bench-'));
  let service: ImportServiceProcess | undefined;
  const db = new Client({ connectionString: databaseUrl });
  try {
    service = await ImportServiceProcess.start(databaseUrl, files, `rosterlink-bench-import-${process.pid}`);
    const idle = await service.memory();
    console.log(`  import-service started: RSS ${idle.nowMiB} MiB (${idle.heap} MiB)`);
    await db.connect();
    const bench = new RosterImportBench(db, databaseUrl, files, service);
    await bench.createFloorTable();

    const sizes = [...new Set([1000, 10_000, ROWS].filter((n) => n <= ROWS))];
    let largestImportSeconds = 0;
    for (const rows of sizes) {
      const file = await bench.writeRoster(rows, 0);
      const floor = await bench.floorSeconds(file);
      const runs: ImportRun[] = [];
      for (let i = 0; i < (rows === ROWS ? CONSECUTIVE_RUNS : 1); i++) runs.push(await bench.importOnce(file));
      const seconds = median(runs.map((r) => r.seconds));
      const peak = Math.max(...runs.map((r) => r.peakMiB));
      bench.report(file, 'valid rows', runs, seconds, floor, peak, rows === ROWS);
      if (rows === ROWS) {
        largestImportSeconds = seconds;
        runs.forEach((r, i) =>
          recordBench({
            section: SECTION,
            measure: `${label(rows)} rows, run ${i + 1} of ${runs.length} in one process: RSS after the import`,
            value: r.afterMiB,
            unit: 'MiB',
            note: `peak during it ${r.peakMiB} MiB`,
          }),
        );
        const growth = runs[runs.length - 1].afterMiB - runs[0].afterMiB;
        console.log(`  RSS after each of ${runs.length} consecutive ${label(rows)}-row imports: ${runs.map((r) => r.afterMiB).join(' → ')} MiB (${growth >= 0 ? '+' : ''}${growth} MiB)`);
      }
    }

    const withErrors = await bench.writeRoster(ROWS, 0.05);
    const floor = await bench.floorSeconds(withErrors);
    const rejected = await bench.importOnce(withErrors);
    bench.report(withErrors, 'rows, 5% with errors', [rejected], rejected.seconds, floor, rejected.peakMiB, false);

    const naive = await bench.naiveSaveSeconds(await bench.writeRoster(ROWS, 0));
    recordBench({
      section: SECTION,
      measure: `${label(ROWS)} rows: naive TypeORM save() per row (${label(NAIVE_ROWS)} rows timed, extrapolated)`,
      value: naive,
      unit: 's',
      floor: { label: 'Process Roster Import', value: largestImportSeconds },
      note: `naive/import ×${(naive / largestImportSeconds).toFixed(0)}`,
    });
  } finally {
    await service?.stop();
    await db.end().catch(() => undefined);
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
    await rm(files, { recursive: true, force: true });
  }
}

class RosterImportBench {
  private groups = 0;
  private cases = 0;
  private files = 0;

  constructor(
    private readonly db: Client,
    private readonly databaseUrl: string,
    private readonly fileDir: string,
    private readonly service: ImportServiceProcess,
  ) {}

  /** A bare table with the file's columns, the group's, and every index of practitioners. */
  async createFloorTable(): Promise<void> {
    const [{ definition }] = (
      await this.db.query(
        `SELECT string_agg(format('%I %s', a.attname, format_type(a.atttypid, a.atttypmod)), ', ' ORDER BY a.attnum) AS definition
         FROM pg_attribute a WHERE a.attrelid = 'roster_import.practitioners'::regclass AND a.attnum > 0 AND NOT a.attisdropped
           AND a.attname = ANY($1::text[])`,
        [FLOOR_COLUMNS],
      )
    ).rows;
    await this.db.query(`CREATE TABLE public.floor_practitioners (group_id text NOT NULL DEFAULT '110000000', ${definition})`);
    // Every index practitioners has (its primary key, names, NPI), read from the catalog so that the floor keeps up with it.
    const { rows: indexes } = await this.db.query(
      `SELECT indexdef FROM pg_indexes WHERE schemaname = 'roster_import' AND tablename = 'practitioners' ORDER BY indexname`,
    );
    if (indexes.length < 2) throw new Error('practitioners has fewer indexes than the floor expects');
    for (const [i, { indexdef }] of indexes.entries()) {
      await this.db.query(
        (indexdef as string).replace(/INDEX \S+ ON roster_import\.practitioners/, `INDEX floor_practitioners_${i} ON public.floor_practitioners`),
      );
    }
    console.log(`  floor table: the file's columns and group_id, with practitioners' ${indexes.length} indexes`);
  }

  /** A CSV roster of `rows` rows, `errorShare` of them with an error, kept in the service's file store. */
  async writeRoster(rows: number, errorShare: number): Promise<RosterFile> {
    const path = join(this.fileDir, `roster-${++this.files}.csv`);
    const out = createWriteStream(path);
    const every = errorShare > 0 ? Math.round(1 / errorShare) : 0;
    out.write(toCsvLine(HEADERS));
    for (let n = 1; n <= rows; n++) {
      const line = toCsvLine(HEADERS.map((h) => cell(rosterRow(n, every && n % every === 0 ? rowError(n / every) : {})[h as keyof RosterRowValues])));
      if (!out.write(line)) await once(out, 'drain');
    }
    out.end();
    await once(out, 'finish');
    const bytes = await readFile(path);
    const sha256 = createHash('sha256').update(bytes).digest('hex');
    const { storageKey } = await new LocalDirectoryRosterFileStore(this.fileDir).keep(path, sha256);
    // keep() may move the file: copy from where the store keeps it.
    const stored = join(this.fileDir, storageKey);
    return { rows, path: stored, storageKey, megabytes: bytes.length / 1e6 };
  }

  /** `psql \copy` of the file into the bare table: the median of 3, each into an empty table. */
  async floorSeconds(file: RosterFile): Promise<number> {
    const times: number[] = [];
    for (let i = 0; i < 3; i++) {
      await this.db.query('TRUNCATE public.floor_practitioners');
      const started = process.hrtime.bigint();
      await run('psql', [
        '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-d', this.databaseUrl,
        '-c', `\\copy public.floor_practitioners (${FLOOR_COLUMNS.join(', ')}) FROM '${file.path}' WITH (FORMAT csv, HEADER true)`,
      ]);
      times.push(seconds(started));
    }
    const { rows } = await this.db.query('SELECT count(*)::int AS n FROM public.floor_practitioners');
    if (rows[0].n !== file.rows) throw new Error(`the floor copied ${rows[0].n} rows, not ${file.rows}`);
    return median(times);
  }

  /** One Process Roster Import of the file, for a group of its own (every row is a new practitioner). */
  async importOnce(file: RosterFile): Promise<ImportRun> {
    const group = groupPractice({ pid: String(110000100 + ++this.groups), serviceLocations: [{ sl: 'A' }] });
    await this.db.query(
      `INSERT INTO roster_import.provider_groups (pid, name, dba_name, dba_address, service_locations, updated_at)
       VALUES ($1, $2, $3, $4, $5, now())`,
      [group.pid, group.name, group.dbaName, group.dbaAddress, JSON.stringify(group.serviceLocations)],
    );
    const caseNumber = `RI-2026-${String(++this.cases).padStart(6, '0')}`;
    await this.db.query(
      `INSERT INTO roster_import.cases (case_number, upload_id, group_id, import_type, status, file_format, file_name, storage_key)
       VALUES ($1, gen_random_uuid(), $2, 'ADD_UPDATE', 'NEW', 'CSV', 'roster.csv', $3)`,
      [caseNumber, group.pid, file.storageKey],
    );
    await this.service.resetPeakRss();
    const started = process.hrtime.bigint();
    await this.service.process(caseNumber);
    let status = 'PROCESSING';
    while (status === 'PROCESSING') {
      await new Promise((resolve) => setTimeout(resolve, 5));
      status = (await this.db.query('SELECT status FROM roster_import.cases WHERE case_number = $1', [caseNumber])).rows[0].status;
    }
    const took = seconds(started);
    const memory = await this.service.memory();
    const { rows } = await this.db.query(
      `SELECT (SELECT count(*) FROM roster_import.practitioners WHERE last_case_number = $1)::int AS practitioners,
              (SELECT count(*) FROM roster_import.case_errors WHERE case_number = $1)::int AS errors`,
      [caseNumber],
    );
    console.log(
      `  ${caseNumber}: ${label(file.rows)} rows (${file.megabytes.toFixed(1)} MB CSV) → ${status} in ${took.toFixed(2)} s ` +
        `(${Math.round(file.rows / took).toLocaleString('en-US')} rows/s), ${rows[0].practitioners} practitioners, ` +
        `${rows[0].errors} errors recorded; service RSS peak ${memory.peakMiB} MiB, after ${memory.nowMiB} MiB (${memory.heap} MiB)`,
    );
    return { status, seconds: took, peakMiB: memory.peakMiB, afterMiB: memory.nowMiB };
  }

  report(file: RosterFile, what: string, runs: ImportRun[], importSeconds: number, floor: number, peak: number, judged: boolean): void {
    const measure = `${label(file.rows)} ${what}`;
    const times = runs.length > 1 ? `median of ${runs.length} runs: ${runs.map((r) => r.seconds.toFixed(2)).join(', ')} s; ` : '';
    recordBench({
      section: SECTION,
      measure: `${measure}: Process Roster Import (${runs[0].status})`,
      value: importSeconds,
      unit: 's',
      floor: { label: 'psql \\copy', value: floor },
      ...(judged ? { goal: { op: '<=', value: GOAL_RATIO, of: 'ratio' } } : {}),
      note: `${times}${file.megabytes.toFixed(1)} MB CSV`,
    });
    recordBench({ section: SECTION, measure: `${measure}: rows per second`, value: file.rows / importSeconds, unit: 'rows/s' });
    recordBench({
      section: SECTION,
      measure: `${measure}: import-service peak RSS`,
      value: peak,
      unit: 'MiB',
      ...(judged ? { goal: { op: '<=', value: GOAL_PEAK_RSS_MIB, of: 'value' } } : {}),
    });
  }

  /**
   * The naive way, for comparison: read and check each row as the import does, then TypeORM `save()`
   * per row into a table like practitioners. Timed on the first NAIVE_ROWS rows, extrapolated.
   */
  async naiveSaveSeconds(file: RosterFile): Promise<number> {
    await this.db.query('CREATE SCHEMA naive; CREATE TABLE naive.practitioners (LIKE roster_import.practitioners INCLUDING ALL)');
    const dataSource = await new DataSource({
      type: 'postgres',
      url: this.databaseUrl,
      schema: 'naive',
      entities: [Practitioner],
    }).initialize();
    try {
      const repository = dataSource.getRepository(Practitioner);
      let validator: ReturnType<typeof createRowValidator> | undefined;
      let saved = 0;
      const started = process.hrtime.bigint();
      reading: for await (const batch of readRosterRows(createReadStream(file.path), 'CSV')) {
        let first = 0;
        if (!validator) {
          const header = matchRosterHeader(batch.rows[0], 'ADD_UPDATE');
          if (!header.ok) throw new Error('bench roster has a bad header');
          validator = createRowValidator({ importType: 'ADD_UPDATE', columns: header.columns, today: '2026-11-30', serviceLocations: new Set(['A']) });
          first = 1;
        }
        for (let i = first; i < batch.rows.length; i++) {
          const record = validator.validate(batch.rows[i], batch.firstRow + i, []);
          if (!record) continue;
          await repository.save(
            repository.create({
              groupId: '110000000',
              npi: record.npi,
              serviceLocation: record.serviceLocation,
              firstName: record.firstName ?? '',
              lastName: record.lastName ?? '',
              providerType: record.providerType ?? 'PHYSICIAN',
              effectiveDate: record.effectiveDate ?? '2027-01-04',
              endDate: record.endDate,
              status: 'WAITING_FOR_CAQH',
              lastCaseNumber: 'RI-NAIVE',
            }),
          );
          if (++saved >= NAIVE_ROWS) break reading;
        }
      }
      const took = seconds(started);
      const extrapolated = (took * file.rows) / saved;
      console.log(`  naive: ${saved.toLocaleString('en-US')} rows saved one by one in ${took.toFixed(2)} s (${Math.round(saved / took)} rows/s) → ${extrapolated.toFixed(0)} s for ${label(file.rows)}`);
      return extrapolated;
    } finally {
      await dataSource.destroy();
    }
  }
}

/** The built import-service as its own process; its memory read from /proc. */
class ImportServiceProcess {
  private constructor(
    private readonly child: ChildProcess,
    private readonly url: string,
    private readonly token: string,
  ) {}

  static async start(databaseUrl: string, fileStoreDir: string, redisKeyPrefix: string): Promise<ImportServiceProcess> {
    const port = await freePort();
    const env = serviceEnv(
      {
        mode: 'local',
        databaseUrl,
        // Unreachable: events stay in the outbox (the relay retries with backoff).
        kafkaBrokers: '127.0.0.1:1',
        topicPrefix: 'bench.',
        redisUrl: REDIS_URL,
        redisKeyPrefix,
        fileStoreDir,
        kafkaControl: 'none',
      },
      { PORT: String(port), LOG_LEVEL: 'warn', NODE_ENV: 'test' },
    );
    const nodeOptions = (process.env['BENCH_NODE_OPTIONS'] ?? '').split(' ').filter(Boolean);
    const child = spawn(process.execPath, [...SERVICE_NODE_FLAGS, ...nodeOptions, join(ROOT, 'dist/services/import-service/main.js')], {
      cwd: ROOT,
      env: { PATH: process.env['PATH'], ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    // Its log (and what BENCH_NODE_OPTIONS makes it print, e.g. --trace-gc) goes to a file.
    await mkdir(join(ROOT, '.local'), { recursive: true });
    child.stdout?.pipe(createWriteStream(join(ROOT, '.local/bench-roster-import.log')));
    child.stderr?.on('data', (chunk: Buffer) => process.stderr.write(chunk));
    const service = new ImportServiceProcess(child, `http://127.0.0.1:${port}`, await tokenFor(backOfficeUser()));
    // Not /health: it also wants Kafka. Ready when the API answers.
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`import-service exited with ${child.exitCode}`);
      const response = await fetch(`${service.url}/cases?limit=1`, { headers: service.headers() }).catch(() => undefined);
      if (response?.status === 200) break;
      if (Date.now() > deadline) throw new Error('import-service did not start');
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    return service;
  }

  async process(caseNumber: string): Promise<void> {
    const response = await fetch(`${this.url}/cases/${caseNumber}/process`, { method: 'POST', headers: this.headers() });
    if (response.status !== 202) throw new Error(`POST /cases/${caseNumber}/process: ${response.status} ${await response.text()}`);
  }

  /** Resets the kernel's peak-RSS mark (VmHWM) of the process. */
  async resetPeakRss(): Promise<void> {
    await writeFile(`/proc/${this.child.pid}/clear_refs`, '5');
  }

  async memory(): Promise<{ peakMiB: number; nowMiB: number; heap: string }> {
    const status = await readFile(`/proc/${this.child.pid}/status`, 'utf8');
    const kib = (field: string) => Number(new RegExp(`${field}:\\s+(\\d+) kB`).exec(status)?.[1]);
    // The service's own figures (prom-client's default metrics): what the RSS is made of.
    const metrics = await (await fetch(`${this.url}/metrics`)).text();
    const mib = (name: string) => Math.round(Number(new RegExp(`^${name}(?:\\{[^}]*\\})? (\\S+)$`, 'm').exec(metrics)?.[1]) / 1048576);
    const heap = `V8 heap ${mib('nodejs_heap_size_used_bytes')} used of ${mib('nodejs_heap_size_total_bytes')}, external ${mib('nodejs_external_memory_bytes')}`;
    return { peakMiB: Math.round(kib('VmHWM') / 1024), nowMiB: Math.round(kib('VmRSS') / 1024), heap };
  }

  async stop(): Promise<void> {
    if (this.child.exitCode !== null || this.child.signalCode !== null) return;
    this.child.kill('SIGTERM');
    await once(this.child, 'exit');
  }

  private headers(): Record<string, string> {
    return { authorization: `Bearer ${this.token}` };
  }
}

/** The error of the n-th bad row: kinds that the floor's typed columns still accept. */
function rowError(n: number): RosterRowValues {
  switch (n % 3) {
    case 0:
      return { 'Service Location': 'Z' }; // UNKNOWN_SERVICE_LOCATION
    case 1:
      return { 'Date of Birth': '2015-01-01' }; // UNDER_18
    default:
      return { 'Provider Type': 'WIZARD' }; // INVALID_PROVIDER_TYPE
  }
}

function cell(value: string | number | Date | undefined): string | number {
  return value instanceof Date ? value.toISOString().slice(0, 10) : (value ?? '');
}

async function freePort(): Promise<number> {
  const server = createServer().listen(0, '127.0.0.1');
  await once(server, 'listening');
  const port = (server.address() as { port: number }).port;
  server.close();
  return port;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

const seconds = (since: bigint) => Number(process.hrtime.bigint() - since) / 1e9;
const label = (n: number) => n.toLocaleString('en-US');

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
