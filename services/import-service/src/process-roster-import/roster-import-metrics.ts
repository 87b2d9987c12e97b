import { Inject, Injectable } from '@nestjs/common';
import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';

/** How a run of the roster-import job ended: the case's final status, or FAILED for an attempt that threw (retried or not). */
export type RosterImportOutcome = 'COMPLETED' | 'REJECTED' | 'FAILED';

/** One run under way: `end` records its duration and rows once. */
export interface RosterImportRun {
  end(outcome: RosterImportOutcome, rows: number): void;
}

/**
 * Roster import on `/metrics`: `rosterlink_roster_import_duration_seconds{outcome}` and
 * `rosterlink_roster_import_rows_total{outcome}` for each run of the job in this process, and,
 * from PostgreSQL at scrape time (whichever instance runs the job), the cases in PROCESSING and
 * the age of the oldest: a case there for long is a stuck job (the recovery sweep re-queues it
 * every 30 s, so it should not stay). A case enters PROCESSING with its `updated_at` set, and
 * keeps it until the job finishes it. While PostgreSQL does not answer the gauges are NaN (a gauge
 * without labels always has a sample; no threshold holds for NaN).
 */
@Injectable()
export class RosterImportMetrics {
  private readonly duration: Histogram<'outcome'>;
  private readonly rows: Counter<'outcome'>;

  constructor(cases: RosterImportCaseRepository, @Inject(Registry) registry: Registry) {
    this.duration = new Histogram({
      name: 'rosterlink_roster_import_duration_seconds',
      help: 'Run time of roster-import job attempts by outcome (COMPLETED, REJECTED, or FAILED for an attempt that threw)',
      labelNames: ['outcome'],
      buckets: [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600],
      registers: [registry],
    });
    this.rows = new Counter({
      name: 'rosterlink_roster_import_rows_total',
      help: 'Data rows of the roster files whose import finished, by outcome (COMPLETED: applied, REJECTED: none applied)',
      labelNames: ['outcome'],
      registers: [registry],
    });
    for (const outcome of ['COMPLETED', 'REJECTED', 'FAILED'] as const) this.rows.inc({ outcome }, 0);
    let processing: Promise<{ n: number; age: number } | undefined> | undefined;
    // Both gauges come from one query per scrape (the first collect starts it, the second reuses it).
    const read = () => {
      processing ??= cases
        .processingStanding()
        .then((row) => row, () => undefined)
        .finally(() => setImmediate(() => (processing = undefined)));
      return processing;
    };
    new Gauge({
      name: 'rosterlink_roster_imports_processing',
      help: 'Roster-import cases in PROCESSING (their job queued or running); NaN while PostgreSQL does not answer',
      registers: [registry],
      async collect() {
        const row = await read();
        this.set(row ? row.n : Number.NaN);
      },
    });
    new Gauge({
      name: 'rosterlink_roster_import_oldest_processing_age_seconds',
      help: 'Seconds the oldest roster-import case has been in PROCESSING, 0 when none; NaN while PostgreSQL does not answer',
      registers: [registry],
      async collect() {
        const row = await read();
        this.set(row ? Math.max(0, Number(row.age)) : Number.NaN);
      },
    });
  }

  /** Starts timing one run of the job. */
  startRun(): RosterImportRun {
    const end = this.duration.startTimer();
    let ended = false;
    return {
      end: (outcome, rows) => {
        if (ended) return;
        ended = true;
        end({ outcome });
        this.rows.inc({ outcome }, rows);
      },
    };
  }
}
