import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Violation } from './invariants';
import { FAULTS_DIR } from './private-stack';

/** One line of the fault-drill table. */
export interface DrillRow {
  scenario: string;
  fault: string;
  /** Operations the clients attempted ("5000 rows", "50 uploads", …). */
  attempted: string;
  /** Of those, what the system acknowledged (2xx). */
  accepted: string;
  lost: number;
  duplicated: number;
  ok: boolean;
  /** Why it failed (crashes, violations), or what it could not do. */
  notes: string[];
  seconds: number;
  /** Same-id redeliveries seen on the topics so far (at-least-once, deduplicated by the inboxes). */
  redeliveries?: number;
}

/** Where the suite writes its rows and the table reporter reads them. */
export const RESULTS_FILE = join(FAULTS_DIR, 'drill-results.json');

export function saveRows(scale: string, rows: DrillRow[], startedAt: number): void {
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  writeFileSync(RESULTS_FILE, JSON.stringify({ scale, startedAt, rows }, null, 2));
}

/** The table, in Markdown so it pastes into a pull request as it is. */
export function formatTable(scale: string, rows: DrillRow[], totalSeconds?: number, stillOpen?: Violation[]): string {
  const header = ['scenario', 'fault', 'operations attempted', 'accepted', 'lost', 'duplicated', 'result', 'time'];
  const cells = rows.map((r) => [
    r.scenario,
    r.fault,
    r.attempted,
    r.accepted,
    String(r.lost),
    String(r.duplicated),
    r.ok ? 'PASS' : 'FAIL',
    `${r.seconds.toFixed(1)} s`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (values: string[]) => `| ${values.map((v, i) => v.padEnd(widths[i])).join(' | ')} |`;
  const out = [
    `Fault drills (${scale})`,
    line(header),
    `|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|`,
    ...cells.map(line),
  ];
  const failed = rows.filter((r) => !r.ok);
  const noted = rows.filter((r) => r.notes.length > 0);
  for (const r of noted) for (const note of r.notes) out.push(`  ${r.scenario}: ${note}`);
  const redeliveries = rows.at(-1)?.redeliveries ?? 0;
  if (redeliveries > 0) out.push(`  (${redeliveries} same-id redeliveries seen on the topics: at-least-once delivery, each ignored by the consumers' inboxes; not duplicates)`);
  if (stillOpen) {
    out.push(
      stillOpen.length === 0
        ? '  after the last drill, with every service running again: the system-wide invariants find no loss or duplicate (repaired by the restart; a drill\'s own checks are not run again)'
        : `  after the last drill, with every service running again, still open: ${stillOpen.map((v) => `${v.kind} ${v.detail}`).slice(0, 5).join('; ')}${stillOpen.length > 5 ? ` … (${stillOpen.length})` : ''}`,
    );
  }
  out.push(
    `${rows.length - failed.length} of ${rows.length} drills passed` +
      (totalSeconds !== undefined ? `, ${totalSeconds.toFixed(0)} s in all` : '') +
      (failed.length > 0 ? `; FAILED: ${failed.map((r) => r.scenario).join(', ')}` : ''),
  );
  return out.join('\n');
}
