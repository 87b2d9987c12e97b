import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parse } from 'yaml';

/**
 * The Prometheus alert rules (deploy/prometheus): valid for promtool, their unit tests passing,
 * every alert labelled, described and pointing at a section of docs/runbook.md that exists, and
 * every rosterlink metric they use defined by a service.
 */

const ROOT = resolve(__dirname, '../..');
const PROMETHEUS_DIR = join(ROOT, 'deploy/prometheus');
const RULES_FILE = join(PROMETHEUS_DIR, 'rosterlink.rules.yml');
const RULES_TEST_FILE = join(PROMETHEUS_DIR, 'rosterlink.rules.test.yml');
const RUNBOOK = 'docs/runbook.md';
const PROMTOOL = process.env.PROMTOOL ?? (existsSync('/usr/bin/promtool') ? '/usr/bin/promtool' : 'promtool');

/** Where the rosterlink metrics are defined (prom-client `name: '…'`). */
const METRIC_SOURCES = [
  'libs/messaging/src/messaging-metrics.ts',
  'libs/messaging/src/outbox-relay.ts',
  'libs/messaging/src/outbox-age-metrics.ts',
  'libs/messaging/src/dead-letter-metrics.ts',
  'libs/platform/src/queue-metrics.ts',
  'services/link-request-service/src/link-request/sla-metrics.ts',
  'services/import-service/src/process-roster-import/roster-import-metrics.ts',
  'services/notification-service/src/queues/delivery-metrics.ts',
];

interface Rule {
  alert?: string;
  record?: string;
  expr: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

/** promtool's exit code and output; a non-zero exit is returned, not thrown, so a failure shows promtool's words. */
function promtool(...args: string[]): { status: number; output: string } {
  try {
    const output = execFileSync(PROMTOOL, args, { cwd: ROOT, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return { status: 0, output };
  } catch (error) {
    const failed = error as { status?: number; stdout?: string; stderr?: string; message: string };
    return { status: failed.status ?? 1, output: `${failed.stdout ?? ''}${failed.stderr ?? ''}` || failed.message };
  }
}

/** The anchor GitHub gives a Markdown heading. */
function headingAnchor(heading: string): string {
  return heading
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .replace(/\s/g, '-');
}

function runbookAnchors(): Set<string> {
  const text = readFileSync(join(ROOT, RUNBOOK), 'utf8');
  return new Set([...text.matchAll(/^#{1,6}\s+(.+)$/gm)].map(([, heading]) => headingAnchor(heading)));
}

const alerts: Rule[] = (parse(readFileSync(RULES_FILE, 'utf8')) as { groups: { rules: Rule[] }[] }).groups
  .flatMap((g) => g.rules)
  .filter((r) => r.alert);

describe('Prometheus alert rules', () => {
  it('pass promtool check rules', () => {
    const { status, output } = promtool('check', 'rules', RULES_FILE);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('pass their promtool unit tests (rosterlink.rules.test.yml)', () => {
    const { status, output } = promtool('test', 'rules', RULES_TEST_FILE);
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('are loaded by a valid scrape configuration (prometheus.yml)', () => {
    const { status, output } = promtool('check', 'config', join(PROMETHEUS_DIR, 'prometheus.yml'));
    expect({ status, output }).toEqual({ status: 0, output: expect.stringContaining('SUCCESS') });
  });

  it('each have a severity, a summary, a description and a runbook section that exists', () => {
    const anchors = runbookAnchors();
    expect(alerts.length).toBeGreaterThan(0);
    const problems = alerts.flatMap(({ alert, labels, annotations }) => {
      const found: string[] = [];
      if (!['warning', 'critical'].includes(labels?.severity ?? '')) found.push(`${alert}: severity must be warning or critical`);
      if (!annotations?.summary) found.push(`${alert}: no summary`);
      if (!annotations?.description) found.push(`${alert}: no description`);
      const url = annotations?.runbook_url ?? '';
      const [file, anchor] = url.split('#');
      if (file !== RUNBOOK || !anchor) found.push(`${alert}: runbook_url "${url}" is not ${RUNBOOK}#<section>`);
      else if (!anchors.has(anchor)) found.push(`${alert}: ${RUNBOOK} has no section #${anchor}`);
      return found;
    });
    expect(problems).toEqual([]);
  });

  it('each fire in a unit test, and stay silent in another', () => {
    const tests = (parse(readFileSync(RULES_TEST_FILE, 'utf8')) as {
      tests: { alert_rule_test?: { alertname: string; exp_alerts: unknown[] }[] }[];
    }).tests.flatMap((t) => t.alert_rule_test ?? []);
    const untested = alerts
      .map((a) => a.alert ?? '')
      .flatMap((name) => {
        const of = tests.filter((t) => t.alertname === name);
        return [
          ...(of.some((t) => t.exp_alerts.length > 0) ? [] : [`${name} never fires`]),
          ...(of.some((t) => t.exp_alerts.length === 0) ? [] : [`${name} is never expected silent`]),
        ];
      });
    expect(untested).toEqual([]);
  });

  it('use only rosterlink metrics that a service defines', () => {
    const defined = new Set(
      METRIC_SOURCES.flatMap((file) => [...readFileSync(join(ROOT, file), 'utf8').matchAll(/['"](rosterlink_[a-z_]+)['"]/g)].map(([, name]) => name)),
    );
    const used = new Set(alerts.flatMap((a) => [...a.expr.matchAll(/\b(rosterlink_[a-z_]+)\b/g)].map(([, name]) => name)));
    expect([...used].filter((name) => !defined.has(name))).toEqual([]);
  });
});
