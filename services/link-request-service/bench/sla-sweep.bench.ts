/**
 * The SLA sweep over 1,000,000 open link requests against the real PostgreSQL: due dates spread
 * over 60 days around today (three quarters breached, a few days' worth in warning), one sweep
 * through CheckLinkRequestSla timed, the events it recorded in the outbox counted, and the
 * process's peak RSS. The floor: one bare UPDATE setting the same rows' flag (rolled back). Uses
 * its own database (created and dropped), migrated by the service itself; needs no Kafka (the
 * relay keeps trying in the background; the events stay in the outbox). No assertions.
 *   node -r @swc-node/register services/link-request-service/bench/sla-sweep.bench.ts
 */
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import { createServiceApp } from '@rosterlink/platform';
import { ManualClock, recordBench } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { BusinessCalendarService } from '../src/business-calendar/business-calendar.service';
import { CheckLinkRequestSla } from '../src/check-link-request-sla/check-link-request-sla.handler';
import { slaDueDates } from '../src/link-request/link-request.rules';

const REQUESTS = Number(process.env['BENCH_REQUESTS'] ?? 1_000_000);
const ADMIN_URL = process.env['BENCH_POSTGRES_URL'] ?? 'postgres://postgres@127.0.0.1:5432/postgres';
/** Wednesday 12 March 2031, 10:00 in Boston. */
const NOW = new Date('2031-03-12T14:00:00Z');
/** Due dates: today - 45 … today + 14 days, evenly. */
const FIRST_DUE_OFFSET = -45;
const DUE_DAYS = 60;

const mib = (kilobytes: number) => kilobytes / 1024;

async function main(): Promise<void> {
  const database = `rosterlink_bench_sla_${process.pid}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  await admin.query(`CREATE DATABASE ${database}`);
  try {
    const app = await createServiceApp(
      LINK_REQUEST_SERVICE,
      { DATABASE_URL: ADMIN_URL.replace(/\/[^/]*$/, `/${database}`), LOG_LEVEL: 'error', KAFKA_BROKERS: '127.0.0.1:1', SLA_SWEEP_INTERVAL_MS: '86400000', REDIS_KEY_PREFIX: `rosterlink-bench-sla-${process.pid}` },
      new ManualClock(NOW),
    );
    const db = app.get(DataSource);
    const today = businessDateOf(NOW);

    let started = Date.now();
    await db.query(
      `INSERT INTO link_request.link_requests (request_id, kind, pidsl, group_id, service_location, provider_pid, npi, first_name,
         last_name, provider_type, effective_date, status, submitted_at, submitted_by, due_date, attestation_version, attested_by, attested_at)
       SELECT gen_random_uuid(), 'LINK', g || 'A', g, 'A', (300000000 + i)::text, '1' || lpad(i::text, 9, '0'), 'Ana', 'Bench',
              'PHYSICIAN', due - 7, 'SUBMITTED', $1::timestamptz - interval '30 days', 'bench', due, 'v', 'bench', $1::timestamptz - interval '30 days'
       FROM generate_series(1, $2) AS i,
            LATERAL (SELECT (110000000 + i % 5000)::text AS g, $3::date + ($4 + i % $5) AS due) AS r`,
      [NOW, REQUESTS, today, FIRST_DUE_OFFSET, DUE_DAYS],
    );
    await db.query('VACUUM ANALYZE link_request.link_requests');
    const loadSeconds = (Date.now() - started) / 1000;

    const { breachedBefore, warning } = slaDueDates(await app.get(BusinessCalendarService).calendar(), today);
    const lastWarning = warning.at(-1)?.dueDate ?? breachedBefore;
    const [{ breachedRows, warningRows }] = await db.query(
      `SELECT count(*) FILTER (WHERE due_date < $1)::int AS "breachedRows", count(*) FILTER (WHERE due_date BETWEEN $1 AND $2)::int AS "warningRows"
       FROM link_request.link_requests`,
      [breachedBefore, lastWarning],
    );
    console.log(
      `SLA sweep: ${REQUESTS} open requests due ${FIRST_DUE_OFFSET}…+${FIRST_DUE_OFFSET + DUE_DAYS - 1} days from ${today} loaded in ${loadSeconds.toFixed(1)} s; ` +
        `${breachedRows} breached, ${warningRows} in warning (due ${warning[0]?.dueDate ?? '-'}…${lastWarning})`,
    );

    // The floor: the same rows' flags set by one statement, rolled back (then vacuumed away).
    const floorRunner = db.createQueryRunner();
    await floorRunner.startTransaction();
    const floorStarted = Date.now();
    await floorRunner.query(
      `UPDATE link_request.link_requests
       SET sla_breached_at = CASE WHEN due_date < $2 THEN $1::timestamptz END,
           sla_warning_at = CASE WHEN due_date >= $2 THEN $1::timestamptz END
       WHERE status = 'SUBMITTED' AND sla_breached_at IS NULL AND due_date <= $3`,
      [NOW, breachedBefore, lastWarning],
    );
    const floorSeconds = (Date.now() - floorStarted) / 1000;
    await floorRunner.rollbackTransaction();
    await floorRunner.release();
    await db.query('VACUUM ANALYZE link_request.link_requests');

    const rssBefore = process.resourceUsage().maxRSS;
    started = Date.now();
    const result = await app.get(CheckLinkRequestSla).sweep();
    const sweepSeconds = (Date.now() - started) / 1000;
    const peakRss = process.resourceUsage().maxRSS;
    const [{ events }] = await db.query(`SELECT count(*)::int AS events FROM link_request.outbox WHERE topic = ANY($1)`, [
      [Topics.LinkRequestSlaWarning, Topics.LinkRequestSlaBreached],
    ]);
    const again = Date.now();
    const second = await app.get(CheckLinkRequestSla).sweep();
    const againSeconds = (Date.now() - again) / 1000;
    console.log(
      `  sweep: ${result.breached} breached + ${result.warned} warned = ${events} events in the outbox, ${sweepSeconds.toFixed(1)} s ` +
        `(bare UPDATE of the same flags ${floorSeconds.toFixed(1)} s); peak RSS ${mib(peakRss).toFixed(0)} MiB ` +
        `(${mib(rssBefore).toFixed(0)} MiB before); a second sweep found ${JSON.stringify(second)} in ${againSeconds.toFixed(2)} s`,
    );

    const measure = `${REQUESTS.toLocaleString('en-US')} open requests`;
    recordBench({
      section: 'SLA sweep',
      measure: `${measure}: one sweep`,
      value: sweepSeconds,
      unit: 's',
      floor: { label: 'one bare UPDATE of the same flags', value: floorSeconds },
      note: `${events} events written (${result.breached} breached, ${result.warned} warned)`,
    });
    recordBench({ section: 'SLA sweep', measure: `${measure}: events recorded`, value: events / sweepSeconds, unit: 'events/s' });
    recordBench({ section: 'SLA sweep', measure: `${measure}: peak RSS of the sweeping process`, value: mib(peakRss), unit: 'MiB' });
    await app.close();
  } finally {
    await admin.query(`DROP DATABASE IF EXISTS ${database} WITH (FORCE)`);
    await admin.end();
  }
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
