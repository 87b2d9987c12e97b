import { readFileSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type axe from 'axe-core';
import { Browser, chromium, Page } from 'playwright-core';
import { eventually } from '@rosterlink/testing';

/** Every run keeps its screenshots under .local; UPDATE_SCREENSHOTS=1 refreshes the README's pictures. */
export const SCREENSHOTS = join(__dirname, '../..', process.env['UPDATE_SCREENSHOTS'] === '1' ? 'docs/screenshots' : '.local/screenshots');
const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');
const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

/** Debian's Chromium (deploy/local/test.sh installs it), driven by playwright-core; the screenshot folder made. */
export async function launchChromium(): Promise<Browser> {
  await mkdir(SCREENSHOTS, { recursive: true });
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Screenshots the view, then audits it with axe-core (WCAG 2 A/AA and best practices): any violation fails. */
export async function captureAndAudit(page: Page, name: string): Promise<void> {
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`) });
  // Evaluated through the DevTools protocol, which the page's Content-Security-Policy does not govern.
  await page.evaluate(AXE_SOURCE);
  const violations = await page.evaluate(async () => {
    const { violations } = await (globalThis as unknown as { axe: typeof axe }).axe.run({ runOnly: ['wcag2a', 'wcag2aa', 'best-practice'] });
    return violations.map((v) => `${v.id}: ${v.help} (${v.nodes.map((n) => n.target.join(' ')).join(', ')})`);
  });
  expect({ view: name, violations }).toEqual({ view: name, violations: [] });
}

/** Waits until the operations dashboard's live view consumes Kafka: from then on its browsers miss no change. */
export async function untilDashboardLive(dashboardUrl: string): Promise<void> {
  await eventually(
    async () => {
      const health = (await (await fetch(`${dashboardUrl}/health`)).json()) as { liveUpdates: string };
      if (health.liveUpdates !== 'consuming') throw new Error('dashboard not consuming yet');
    },
    { timeoutMs: 60_000, intervalMs: 500 },
  );
}
