import { appendFileSync } from 'node:fs';

/**
 * One figure of `npm run bench`. Every bench script records its figures here; the report
 * (deploy/bench/report.ts) prints them as one table and keeps them in bench/results/<date>.json.
 * These machines are shared and noisy, so a figure that has a floor measured in the same run is
 * judged by its ratio to that floor, not by its absolute value.
 */
export interface BenchResult {
  /** e.g. 'roster import', 'pipeline', 'upload', 'link submit', 'provider search', 'SLA sweep' */
  section: string;
  /** what was measured, e.g. '100,000 rows: Process Roster Import' */
  measure: string;
  value: number;
  /** 's', 'ms', 'rows/s', 'events/s', 'MiB', … */
  unit: string;
  /** the same work done the cheapest possible way, measured in the same run (same unit) */
  floor?: { label: string; value: number };
  /** what the figure must meet: the value itself, or its ratio to the floor */
  goal?: { op: '<=' | '>='; value: number; of: 'value' | 'ratio' };
  note?: string;
}

export interface JudgedBenchResult extends BenchResult {
  ratio?: number;
  met?: boolean;
}

export function judge(result: BenchResult): JudgedBenchResult {
  const ratio = result.floor && result.floor.value > 0 ? result.value / result.floor.value : undefined;
  const goal = result.goal;
  if (!goal) return { ...result, ratio };
  const measured = goal.of === 'ratio' ? ratio : result.value;
  const met = measured === undefined ? undefined : goal.op === '<=' ? measured <= goal.value : measured >= goal.value;
  return { ...result, ratio, met };
}

/** Prints the figure and, under `npm run bench` (BENCH_RESULTS_FILE set), appends it to the run's results. */
export function recordBench(result: BenchResult): void {
  const judged = judge(result);
  const floor = judged.floor ? `, floor ${judged.floor.label} ${format(judged.floor.value)} ${judged.unit} → ×${judged.ratio?.toFixed(2)}` : '';
  const goal = judged.goal ? ` (goal ${judged.goal.of === 'ratio' ? 'ratio ' : ''}${judged.goal.op} ${judged.goal.value}: ${judged.met ? 'met' : 'MISSED'})` : '';
  console.log(`  [${judged.section}] ${judged.measure}: ${format(judged.value)} ${judged.unit}${floor}${goal}${judged.note ? ` — ${judged.note}` : ''}`);
  const file = process.env['BENCH_RESULTS_FILE'];
  if (file) appendFileSync(file, `${JSON.stringify(result)}\n`);
}

export function format(value: number): string {
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  if (Math.abs(value) >= 10) return value.toFixed(1);
  return value.toFixed(2);
}

/** The p-th percentile (nearest rank) of some samples. */
export function percentile(values: readonly number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}
