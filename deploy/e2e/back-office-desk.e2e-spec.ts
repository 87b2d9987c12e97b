import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Client } from 'pg';
import { Browser, Page } from 'playwright-core';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  providerUser,
  ServiceProcess,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { DEMO_USERS } from '../local/demo-users';
import { captureAndAudit, launchChromium, untilDashboardLive } from './browser';

/** This spec's own group (the run's database is shared); its roster sample names Adaeze Okafor at location A. */
const GROUP = '110000075';
const SAMPLES = join(__dirname, '../../samples');
const OKAFOR_NPI = '1482103342';

const practitioners = {
  // The roster's practitioner, as the provider master knows her: the NPI search's subject.
  okafor: individualProvider({ pid: '210000751', npi: OKAFOR_NPI, firstName: 'Adaeze', lastName: 'Okafor' }),
  overdue: individualProvider({ pid: '210000752', npi: validNpi(752), firstName: 'Ingrid', lastName: 'Baptiste' }),
  closure: individualProvider({ pid: '210000753', npi: validNpi(753), firstName: 'Yusuf', lastName: 'Haddad' }),
};

function dateIn(days: number): string {
  return businessDateOf(new Date(Date.now() + days * 86_400_000));
}

/**
 * The back office's desk in headless Chromium, against the built services: one search box that finds a
 * practitioner's request, roster case and letter by NPI; a breached request in the queue, in words; an admin
 * whose storm closure moves an open request's due date.
 */
describe('the back-office desk in a browser: search, breaches, closures', () => {
  const probe = new KafkaProbe();
  const services: Record<string, ServiceProcess> = {};
  let dashboard: ServiceProcess;
  let browser: Browser;
  let manager: string;
  let backOffice: string;
  let db: Client;

  const call = async (service: string, method: string, path: string, token: string, body?: unknown) => {
    const response = await fetch(`${services[service].baseUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, body: response.status === 204 ? undefined : await response.json().catch(() => undefined) };
  };

  async function submitLinkRequest(providerId: string, pidsl: string): Promise<string> {
    return eventually(async () => {
      const answer = await call('link-request-service', 'POST', `/service-locations/${pidsl}/link-requests`, manager, {
        servicingProviderId: providerId,
        effectiveDate: dateIn(30),
        attestation: true,
      });
      if (answer.status !== 201) throw new Error(`link request answered ${answer.status}: ${JSON.stringify(answer.body)}`);
      return (answer.body as { requestId: string }).requestId;
    });
  }

  async function signedIn(sub: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(dashboard.baseUrl);
    const user = DEMO_USERS.find((u) => u.sub === sub)!;
    await page.getByRole('radio', { name: new RegExp(user.name) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    return page;
  }

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    for (const individual of Object.values(practitioners)) await probe.publish(Topics.ProviderMasterUpserted, individual.pid, individual);
    const letters = join(testStack().fileStoreDir, 'desk-letters');
    const started = await Promise.all([
      ServiceProcess.start('upload-service'),
      ServiceProcess.start('import-service'),
      // A sweep every second: a request past its due date is flagged BREACHED at once.
      ServiceProcess.start('link-request-service', { SLA_SWEEP_INTERVAL_MS: '1000' }),
      ServiceProcess.start('notification-service', { LETTER_STORE_DIR: letters, LETTER_MAIL_OUTBOX_DIR: join(letters, 'outbox') }),
      ServiceProcess.start('access-service'),
    ]);
    for (const service of started) services[service.name] = service;
    dashboard = await ServiceProcess.start('ops-dashboard', {
      UPLOAD_SERVICE_URL: services['upload-service'].baseUrl,
      IMPORT_SERVICE_URL: services['import-service'].baseUrl,
      LINK_REQUEST_SERVICE_URL: services['link-request-service'].baseUrl,
      NOTIFICATION_SERVICE_URL: services['notification-service'].baseUrl,
      ACCESS_SERVICE_URL: services['access-service'].baseUrl,
      DEV_SIGN_IN_USERS: JSON.stringify(DEMO_USERS),
    });
    manager = await tokenFor(providerUser(`${GROUP}A`, `${GROUP}B`, `${GROUP}C`));
    backOffice = await tokenFor(backOfficeUser());
    db = new Client({ connectionString: testStack().databaseUrl });
    await db.connect();
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await probe.close();
    await db?.end();
    await Promise.all([dashboard?.stop(), ...Object.values(services).map((s) => s.stop())]);
  });

  it('finds a practitioner’s link request, roster case and letter from one search by NPI', async () => {
    // The practice's roster names her (a case), then it asks to link her at another location, approved (a letter).
    const form = new FormData();
    form.append('groupId', GROUP);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([await readFile(join(SAMPLES, 'roster-harbor-add.csv'))]), 'harbor-roster.csv');
    const uploaded = await eventually(async () => {
      const response = await fetch(`${services['upload-service'].baseUrl}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${manager}` }, body: form });
      if (response.status !== 202) throw new Error(`upload answered ${response.status}`);
      return (await response.json()) as { uploadId: string };
    });
    const caseNumber = await eventually(async () => {
      const { body } = await call('import-service', 'GET', `/cases?uploadId=${uploaded.uploadId}`, manager);
      const number = (body as { items: { caseNumber: string }[] }).items[0]?.caseNumber;
      if (!number) throw new Error('case not opened yet');
      return number;
    });
    expect((await call('import-service', 'POST', `/cases/${caseNumber}/process`, manager)).status).toBeLessThan(300);
    await eventually(async () => {
      const { body } = await call('import-service', 'GET', `/cases/${caseNumber}`, manager);
      if ((body as { status: string }).status !== 'COMPLETED') throw new Error(`case is ${(body as { status: string }).status}`);
    }, { timeoutMs: 60_000 });
    const requestId = await submitLinkRequest(practitioners.okafor.pid, `${GROUP}B`);
    expect((await call('link-request-service', 'POST', `/link-requests/${requestId}/decision`, backOffice, { decision: 'APPROVED' })).status).toBe(200);
    await eventually(async () => {
      const { body } = await call('notification-service', 'GET', `/letters?requestId=${requestId}`, backOffice);
      if ((body as { total: number }).total !== 1) throw new Error('no letter yet');
    }, { timeoutMs: 60_000 });

    const page = await signedIn('demo-back-office');
    await page.getByLabel('Search link requests, cases and letters').fill(OKAFOR_NPI);
    await page.getByRole('button', { name: 'Search' }).click();
    await page.getByRole('heading', { name: `Search results for “${OKAFOR_NPI}”` }).waitFor();
    await page.locator(`a[href$="${requestId}"]`).first().waitFor();
    await page.getByRole('link', { name: caseNumber }).waitFor();
    const letters = page.locator('#search-letters-title').locator('..');
    await letters.getByRole('link', { name: /letter to/ }).first().waitFor();
    expect(await letters.getByRole('link', { name: /letter to/ }).first().getAttribute('href')).toMatch(new RegExp(`${requestId}$`));
    await captureAndAudit(page, 'search-by-npi');
    await page.context().close();
  });

  it('shows a breached request in the queue, in words', async () => {
    const requestId = await submitLinkRequest(practitioners.overdue.pid, `${GROUP}C`);
    // A built service runs on the system clock: the request is made old in its table, as if submitted three weeks ago.
    await db.query(
      `UPDATE link_request.link_requests SET submitted_at = now() - interval '21 days', due_date = $2::date WHERE request_id = $1`,
      [requestId, dateIn(-6)],
    );
    await eventually(async () => {
      const { body } = await call('link-request-service', 'GET', `/link-requests/${requestId}`, backOffice);
      if (!(body as { slaBreachedAt: string | null }).slaBreachedAt) throw new Error('not flagged yet');
    }, { timeoutMs: 30_000 });

    const page = await signedIn('demo-back-office');
    await page.getByLabel('SLA state').selectOption('BREACHED');
    const row = page.getByRole('row', { name: /Baptiste, Ingrid/ });
    await row.waitFor({ timeout: 30_000 });
    await expect(row.textContent()).resolves.toMatch(/Breached:? ?\d+ business days? overdue, was due \w{3} \d{1,2} \w{3}/);
    await captureAndAudit(page, 'link-request-queue-breached');
    await page.context().close();
  });

  it('lets an admin add a closure that moves an open request’s due date, and remove it again, live on a colleague’s screen', async () => {
    const requestId = await submitLinkRequest(practitioners.closure.pid, `${GROUP}A`);
    const before = ((await call('link-request-service', 'GET', `/link-requests/${requestId}`, backOffice)).body as { dueDate: string }).dueDate;
    // A business day inside the request's SLA window.
    const { body: inside } = await call('link-request-service', 'GET', `/business-calendar/add?date=${dateIn(0)}&businessDays=3`, backOffice);
    const closureDate = (inside as { date: string }).date;

    // A colleague watches the calendar of that year; it must follow the admin's changes without a reload.
    await untilDashboardLive(dashboard.baseUrl);
    const watcher = await signedIn('demo-back-office');
    await watcher.getByRole('link', { name: 'Calendar' }).click();
    await watcher.getByLabel('Year').selectOption(closureDate.slice(0, 4));
    const watched = watcher.getByRole('table', { name: /Holidays and closures/ });
    await watched.waitFor();
    await watcher.getByText('Live', { exact: true }).waitFor();

    const page = await signedIn('demo-admin');
    await page.getByRole('link', { name: 'Calendar' }).click();
    await page.getByLabel('Date').fill(closureDate);
    await page.getByLabel('Name').fill('Blizzard closure');
    await page.getByRole('button', { name: 'Add closure' }).click();
    await page.getByRole('table', { name: /Holidays and closures/ }).getByRole('row', { name: /Blizzard closure/ }).waitFor();
    await captureAndAudit(page, 'calendar-closure-added');
    await watched.getByRole('row', { name: /Blizzard closure/ }).waitFor({ timeout: 30_000 });
    await watcher.getByText(/Latest: Business calendar changed/).waitFor();

    const moved = ((await call('link-request-service', 'GET', `/link-requests/${requestId}`, backOffice)).body as { dueDate: string }).dueDate;
    expect(moved > before).toBe(true);
    await page.goto(`${dashboard.baseUrl}/#/requests/${requestId}`);
    await page.getByText(/Due date moved from/).first().waitFor();
    await captureAndAudit(page, 'link-request-due-date-moved');

    await page.getByRole('link', { name: 'Calendar' }).click();
    const closures = page.getByRole('table', { name: /Holidays and closures/ });
    await closures.getByRole('row', { name: /Blizzard closure/ }).getByRole('button', { name: /Remove/ }).click();
    await page.getByRole('button', { name: /Yes, remove/ }).click();
    await eventually(async () => {
      const { body } = await call('link-request-service', 'GET', `/link-requests/${requestId}`, backOffice);
      expect((body as { dueDate: string }).dueDate).toBe(before);
    });
    await watched.getByRole('row', { name: /Blizzard closure/ }).waitFor({ state: 'detached', timeout: 30_000 });
    await page.context().close();
    await watcher.context().close();
  });
});
