import { Registry } from 'prom-client';
import { RosterImportCaseRepository } from '../roster-import-case/roster-import-case.repository';
import { RosterImportMetrics } from './roster-import-metrics';

function metricsWith(standing: () => Promise<{ n: number; age: number }>): { registry: Registry; metrics: RosterImportMetrics; calls: () => number } {
  let calls = 0;
  const registry = new Registry();
  const cases = {
    processingStanding: () => {
      calls++;
      return standing();
    },
  } as unknown as RosterImportCaseRepository;
  return { registry, metrics: new RosterImportMetrics(cases, registry), calls: () => calls };
}

describe('RosterImportMetrics', () => {
  it('records a run once: its duration and rows under its outcome', async () => {
    const { registry, metrics } = metricsWith(async () => ({ n: 0, age: 0 }));
    const run = metrics.startRun();
    run.end('COMPLETED', 120);
    run.end('FAILED', 0);
    metrics.startRun().end('REJECTED', 7);
    const text = await registry.metrics();
    expect(text).toContain('rosterlink_roster_import_duration_seconds_count{outcome="COMPLETED"} 1');
    expect(text).toContain('rosterlink_roster_import_duration_seconds_count{outcome="REJECTED"} 1');
    expect(text).not.toContain('rosterlink_roster_import_duration_seconds_count{outcome="FAILED"}');
    expect(text).toContain('rosterlink_roster_import_rows_total{outcome="COMPLETED"} 120');
    expect(text).toContain('rosterlink_roster_import_rows_total{outcome="REJECTED"} 7');
    expect(text).toContain('rosterlink_roster_import_rows_total{outcome="FAILED"} 0');
  });

  it('reads the cases in PROCESSING and the oldest one’s age in one query per scrape; NaN when the database fails', async () => {
    let answer: () => Promise<{ n: number; age: number }> = async () => ({ n: 2, age: 960.5 });
    const { registry, calls } = metricsWith(() => answer());
    const text = await registry.metrics();
    expect(text).toMatch(/^rosterlink_roster_imports_processing 2$/m);
    expect(text).toMatch(/^rosterlink_roster_import_oldest_processing_age_seconds 960\.5$/m);
    expect(calls()).toBe(1);
    await new Promise((resolve) => setImmediate(resolve));
    answer = () => Promise.reject(new Error('database away'));
    const failed = await registry.metrics();
    expect(failed).toMatch(/^rosterlink_roster_imports_processing NaN$/im);
    expect(failed).toMatch(/^rosterlink_roster_import_oldest_processing_age_seconds NaN$/im);
    expect(calls()).toBe(2);
  });
});
