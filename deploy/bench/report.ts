/**
 * The end of `npm run bench`: reads the figures the bench scripts recorded (BENCH_RESULTS_FILE,
 * one JSON object per line), prints them as one table, and keeps them in
 * bench/results/<date>.json (or BENCH_REPORT_DIR) with the machine they were measured on.
 *   npx tsx deploy/bench/report.ts <results.jsonl>
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { cpus, totalmem } from 'node:os';
import { join } from 'node:path';
import { BenchResult, formatBenchValue as format, judge, JudgedBenchResult } from '@rosterlink/testing';

const ROOT = join(__dirname, '../..');

export function benchTable(results: readonly JudgedBenchResult[]): string {
  const header = ['section', 'measure', 'value', 'floor (same run)', 'ratio', 'goal', 'met'];
  const rows = results.map((r) => [
    r.section,
    r.measure,
    `${format(r.value)} ${r.unit}`,
    r.floor ? `${r.floor.label}: ${format(r.floor.value)} ${r.unit}` : '',
    r.ratio === undefined ? '' : `×${r.ratio.toFixed(2)}`,
    r.goal ? `${r.goal.of === 'ratio' ? 'ratio' : 'value'} ${r.goal.op} ${r.goal.value}` : '',
    r.met === undefined ? '' : r.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i].length)));
  const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(' | ')} |`;
  return [line(header), `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`, ...rows.map(line)].join('\n');
}

function main(): void {
  const file = process.argv[2];
  if (!file) throw new Error('usage: report.ts <results.jsonl>');
  const results = readFileSync(file, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => judge(JSON.parse(line) as BenchResult));
  const table = benchTable(results);
  const measuredAt = new Date();
  const dir = process.env['BENCH_REPORT_DIR'] ?? join(ROOT, 'bench/results');
  mkdirSync(dir, { recursive: true });
  const out = join(dir, `${measuredAt.toISOString().slice(0, 10)}.json`);
  const machine = { cpus: cpus().length, cpu: cpus()[0]?.model, memoryGiB: Math.round(totalmem() / 2 ** 30), node: process.version };
  writeFileSync(out, `${JSON.stringify({ measuredAt: measuredAt.toISOString(), machine, results }, null, 2)}\n`);
  const missed = results.filter((r) => r.met === false).length;
  console.log(`\n${table}\n\n${results.length} figures, ${missed} goal(s) missed; kept in ${out.startsWith(ROOT) ? out.slice(ROOT.length + 1) : out}`);
}

if (require.main === module) main();
