import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { AddressInfo, connect, createServer, Socket } from 'node:net';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { businessDateOf, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  groupPractice,
  individualProvider,
  KafkaProbe,
  linkRequestProcessed,
  LoopbackMailbox,
  providerUser,
  ServiceProcess,
  testStack,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { DEMO_USERS } from '../local/demo-users';
import { captureAndAudit, launchChromium, untilDashboardLive } from './browser';

const GROUP = '110000061';
const GROUP_MAILBOX = 'enrollment@harbor-family.example';
const SAMPLES = join(__dirname, '../../samples');

const practitioners = {
  approved: individualProvider({ pid: '210000061', npi: validNpi(61), firstName: 'Rosa', lastName: 'Delgado' }),
  live: individualProvider({ pid: '210000062', npi: validNpi(62), firstName: 'Tomas', lastName: 'Lindqvist', providerType: 'NURSE_PRACTITIONER' }),
  keyboard: individualProvider({ pid: '210000063', npi: validNpi(63), firstName: 'Amara', lastName: 'Okonkwo', providerType: 'PHYSICIAN_ASSISTANT' }),
};

/** A date `days` from today, as the services' business time zone counts dates. */
function dateIn(days: number): string {
  return businessDateOf(new Date(Date.now() + days * 86_400_000));
}

/**
 * A fixed address in front of a service (a plain TCP relay to wherever `target` says it is now), so that
 * the dashboard finds the service again when a test stops its process and starts another, which
 * listens on a port of its own. While nothing listens there, the relay drops the connection.
 */
async function relayTo(target: () => string): Promise<{ url: string; close: () => Promise<void> }> {
  const sockets = new Set<Socket>();
  const relay = createServer((client) => {
    const { hostname, port } = new URL(target());
    const upstream = connect(Number(port), hostname);
    for (const socket of [client, upstream]) {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
      socket.on('error', () => (client.destroy(), upstream.destroy()));
    }
    client.pipe(upstream).pipe(client);
  });
  await new Promise<void>((resolve) => relay.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(relay.address() as AddressInfo).port}`,
    close: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => relay.close(resolve));
    },
  };
}

/**
 * The operations dashboard in headless Chromium (Debian's package, driven by playwright-core)
 * against the built services and the dashboard server, all running as their own processes.
 */
describe('operations dashboard in a browser', () => {
  const probe = new KafkaProbe();
  const services: Record<string, ServiceProcess> = {};
  let dashboard: ServiceProcess;
  let browser: Browser;
  let manager: string;
  // The mail server letters to groups with an e-mail on file go to; down until a test starts it.
  let mailbox: LoopbackMailbox;
  // notification-service's settings, to start it again after a test stops it, and where the dashboard finds it.
  let notificationEnv: Record<string, string>;
  let notificationRelay: Awaited<ReturnType<typeof relayTo>>;

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    for (const individual of Object.values(practitioners)) await probe.publish(Topics.ProviderMasterUpserted, individual.pid, individual);
    const letters = join(testStack().fileStoreDir, 'dashboard-letters');
    mailbox = await LoopbackMailbox.onFreePort();
    notificationEnv = {
      LETTER_STORE_DIR: letters,
      LETTER_MAIL_OUTBOX_DIR: join(letters, 'outbox'),
      SMTP_URL: mailbox.url,
      // Two quick attempts: a letter whose mail server is down is FAILED within a second or two.
      DELIVERY_ATTEMPTS: '2',
      DELIVERY_BACKOFF_MS: '500',
    };
    const started = await Promise.all([
      ServiceProcess.start('upload-service'),
      ServiceProcess.start('import-service'),
      ServiceProcess.start('link-request-service'),
      ServiceProcess.start('notification-service', notificationEnv),
      // Not used by the views tested here, but watched by the Operations page and the banner like the others.
      ServiceProcess.start('access-service'),
    ]);
    for (const service of started) services[service.name] = service;
    notificationRelay = await relayTo(() => services['notification-service'].baseUrl);
    dashboard = await ServiceProcess.start('ops-dashboard', {
      UPLOAD_SERVICE_URL: services['upload-service'].baseUrl,
      IMPORT_SERVICE_URL: services['import-service'].baseUrl,
      LINK_REQUEST_SERVICE_URL: services['link-request-service'].baseUrl,
      NOTIFICATION_SERVICE_URL: notificationRelay.url,
      ACCESS_SERVICE_URL: services['access-service'].baseUrl,
      DEV_SIGN_IN_USERS: JSON.stringify(DEMO_USERS),
    });
    manager = await tokenFor(providerUser(`${GROUP}A`));
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await probe.close();
    await Promise.all([dashboard?.stop(), ...Object.values(services).map((s) => s.stop())]);
    await notificationRelay?.close();
    await mailbox?.stop();
  });

  /** The practice submits a link request, as its portal would (once the provider master has reached the service). */
  async function submitLinkRequest(providerId: string): Promise<string> {
    return eventually(async () => {
      const response = await fetch(`${services['link-request-service'].baseUrl}/service-locations/${GROUP}A/link-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
        body: JSON.stringify({ servicingProviderId: providerId, effectiveDate: dateIn(30), attestation: true }),
      });
      if (response.status !== 201) throw new Error(`link request answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { requestId: string }).requestId;
    });
  }

  async function signedIn(sub: string): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(dashboard.baseUrl);
    const user = DEMO_USERS.find((u) => u.sub === sub)!;
    await page.getByRole('radio', { name: new RegExp(user.name) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    return page;
  }

  /**
   * Each view the tests reach is photographed and audited with axe-core against WCAG 2 A/AA and
   * axe's best practices: labelled controls, contrast, landmarks, names of links and buttons. Any
   * violation fails the test, naming the rule and the elements.
   */
  it('lets the back office work a link request from the queue to an approved letter, with live updates', async () => {
    const requestId = await submitLinkRequest(practitioners.approved.pid);
    await untilDashboardLive(dashboard.baseUrl);

    const page = await signedIn('demo-back-office');
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    const row = page.getByRole('row', { name: /Delgado, Rosa/ });
    await row.waitFor();
    await expect(row.textContent()).resolves.toMatch(/On track:? ?Due \w{3} \d{1,2} \w{3} · \d+ business days? left/);
    await page.getByText('Live', { exact: true }).waitFor();

    // A request submitted now shows up without a reload.
    await submitLinkRequest(practitioners.live.pid);
    await page.getByRole('row', { name: /Lindqvist, Tomas/ }).waitFor({ timeout: 30_000 });
    await page.getByText(/Latest: New link request at/).waitFor();
    await captureAndAudit(page, 'link-request-queue');

    await page.getByLabel('Provider name or NPI').fill(practitioners.approved.npi);
    // The search runs in the service, a moment after typing stops: the header row and hers.
    await eventually(async () => expect(await page.getByRole('row').count()).toBe(2));
    await page.getByRole('link', { name: 'Delgado, Rosa' }).click();
    await page.getByRole('heading', { name: /Link request: Delgado, Rosa at 110000061A/ }).waitFor();
    await page.getByText(/Attested by provider-110000061A/).waitFor();
    await captureAndAudit(page, 'link-request-detail');

    // Approve cannot be undone and sends a letter: it asks first.
    await page.getByRole('button', { name: 'Approve' }).click();
    await page.getByText(/it cannot be undone/).waitFor();
    await captureAndAudit(page, 'link-request-approve-confirm');
    await page.getByRole('button', { name: 'Yes, approve' }).click();
    await page.getByText('APPROVED', { exact: true }).first().waitFor();
    await page.getByRole('cell', { name: 'SUBMITTED → APPROVED' }).waitFor();
    await page.getByText('SENT', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('button', { name: 'Preview the letter' }).click();
    const preview = page.getByTitle(/^Letter .* \(PDF\)$/);
    await preview.waitFor();
    expect(await preview.getAttribute('src')).toMatch(/^blob:/);
    const letterId = /^Letter (\S+) /.exec((await preview.getAttribute('title'))!)![1];
    const pdf = await fetch(`${dashboard.baseUrl}/api/notification/letters/${letterId}/pdf`, {
      headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` },
    });
    expect((await pdf.text()).slice(0, 5)).toBe('%PDF-');
    // Chromium's PDF viewer draws the page a moment after the frame loads.
    await page.waitForTimeout(1500);
    await captureAndAudit(page, 'link-request-approved-letter');

    const decided = await (await fetch(`${services['link-request-service'].baseUrl}/link-requests/${requestId}`, {
      headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` },
    })).json();
    expect(decided).toMatchObject({ status: 'APPROVED', decidedBy: 'demo-back-office' });

    await page.getByRole('link', { name: 'Letters' }).click();
    await page.getByRole('heading', { name: 'Letters' }).waitFor();
    await page.getByRole('row', { name: /110000061A.*SENT/ }).first().waitFor();
    await captureAndAudit(page, 'letters');
    await page.context().close();
  });

  it('shows a letter that failed with its error, and resends it once the mail server is back', async () => {
    const request = linkRequestProcessed({
      requestId: randomUUID(),
      pidsl: `${GROUP}B`,
      groupId: GROUP,
      recipient: { ...linkRequestProcessed().recipient, email: GROUP_MAILBOX },
    });
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    const page = await signedIn('demo-back-office');
    await page.getByRole('link', { name: 'Letters' }).click();
    await page.getByLabel(/^Status/).selectOption('FAILED');
    const row = page.locator('tr', { has: page.locator(`a[href$="${request.requestId}"]`) });
    await row.getByText('FAILED', { exact: true }).waitFor({ timeout: 60_000 });
    await row.getByText(/ECONNREFUSED|connect/).waitFor();
    await page.getByText(/\d+ failed: resend them once the cause is fixed/).waitFor();
    await captureAndAudit(page, 'letter-failed');

    await mailbox.start();
    await row.getByRole('button', { name: 'Resend' }).click();
    await page.getByLabel(/^Status/).selectOption('SENT');
    await row.getByText('SENT', { exact: true }).waitFor({ timeout: 60_000 });
    const [{ letterId }] = ((await (await fetch(`${dashboard.baseUrl}/api/notification/letters?requestId=${request.requestId}`, {
      headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` },
    })).json()) as { items: { letterId: string }[] }).items;
    expect(mailbox.lettersTo(GROUP_MAILBOX, letterId)).toHaveLength(1);
    await page.context().close();
  });

  it('opens a rejected roster case, sorts its errors and downloads them', async () => {
    const form = new FormData();
    form.append('groupId', GROUP);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([await readFile(join(SAMPLES, 'roster-harbor-with-errors.csv'))]), 'roster.csv');
    const uploaded = await eventually(async () => {
      const response = await fetch(`${services['upload-service'].baseUrl}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${manager}` }, body: form });
      if (response.status !== 202) throw new Error(`upload answered ${response.status}`);
      return (await response.json()) as { uploadId: string };
    });
    const caseNumber = await eventually(async () => {
      const response = await fetch(`${services['import-service'].baseUrl}/cases?uploadId=${uploaded.uploadId}`, { headers: { authorization: `Bearer ${manager}` } });
      const { items } = (await response.json()) as { items: { caseNumber: string }[] };
      if (!items?.[0]) throw new Error('case not opened yet');
      return items[0].caseNumber;
    });

    const page = await signedIn('demo-admin');
    await page.getByRole('link', { name: 'Roster-import cases' }).click();
    await page.getByLabel('Group (PID)').fill(GROUP);
    await page.getByRole('link', { name: caseNumber }).click();
    await page.getByRole('heading', { name: `Case ${caseNumber}` }).waitFor();
    await page.getByRole('button', { name: 'Process Roster Import' }).click();
    await page.getByText('REJECTED', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByRole('heading', { name: /Row errors \(\d+\)/ }).waitFor();

    const firstRow = () => page.locator('table.data tbody tr').first().locator('td').first().textContent();
    await expect(firstRow()).resolves.toBe('3');
    await page.getByRole('button', { name: /^Row/ }).click();
    await expect(firstRow()).resolves.toBe('8');
    await captureAndAudit(page, 'roster-case-errors');

    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Download errors as CSV' }).click()]);
    expect(download.suggestedFilename()).toBe(`${caseNumber}-errors.csv`);
    const csv = await readFile((await download.path())!, 'utf8');
    expect(csv.split(/\r?\n/)[0]).toBe('Row,Column,Code,Message');
    expect(csv).toMatch(/^3,/m);

    await page.getByRole('link', { name: '← Back to the cases' }).click();
    await page.getByRole('row', { name: new RegExp(`${caseNumber}.*REJECTED`) }).waitFor();
    await captureAndAudit(page, 'roster-cases');
    await page.context().close();
  });

  it('shows the workload charts and each service with its health and consumer lag', async () => {
    const page = await signedIn('demo-back-office');
    await page.getByRole('link', { name: 'Operations' }).click();
    await page.getByText('Open link requests by business days left').waitFor();
    await page.getByText('SLA breaches and decisions per week').waitFor();
    await page.getByText('Roster-import cases by status').waitFor();
    for (const service of ['upload', 'import', 'link-request', 'notification', 'access']) {
      const row = page.getByRole('row', { name: new RegExp(`^${service}-service `) });
      await row.getByText('up', { exact: true }).waitFor({ timeout: 30_000 });
    }
    await page.getByRole('row', { name: /^notification-service / }).getByText(/messages behind/).first().waitFor();
    await page.getByText(/A service is behind when more than 1,000 messages wait on a topic it consumes, and far behind over 10,000/).waitFor();
    await captureAndAudit(page, 'operations');
    await page.context().close();
  });

  it('can be worked with the keyboard alone: sign in, skip to the content, move between views, open a request', async () => {
    await submitLinkRequest(practitioners.keyboard.pid);
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(dashboard.baseUrl);
    // The text of whatever has the focus (the page's body when nothing does).
    const focused = () => page.evaluate<string>("document.activeElement?.textContent?.trim() ?? ''");
    /** Presses Tab until the focused element's text matches, as a keyboard user would. */
    async function tabTo(text: RegExp): Promise<void> {
      for (let presses = 0; presses < 40; presses++) {
        await page.keyboard.press('Tab');
        if (text.test(await focused())) return;
      }
      throw new Error(`${text} cannot be reached with Tab`);
    }

    // The demo users are radio buttons: Tab into the group, arrows to choose, Enter to sign in.
    await page.getByRole('radio').first().waitFor();
    await page.keyboard.press('Tab');
    const backOffice = DEMO_USERS.findIndex((u) => u.sub === 'demo-back-office');
    for (let i = 0; i < backOffice; i++) await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();

    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await page.keyboard.press('Enter');
    expect(await page.locator(':focus').getAttribute('id')).toBe('main');

    await tabTo(/^Letters$/);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Letters' }).waitFor();
    await tabTo(/^Link-request queue$/);
    await page.keyboard.press('Enter');
    await tabTo(new RegExp(`^${practitioners.keyboard.lastName}, ${practitioners.keyboard.firstName}$`));
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: new RegExp(practitioners.keyboard.lastName) }).waitFor();
    await tabTo(/^Approve$/);
    await context.close();
  });

  it('keeps a provider user out of the back-office views, and the services refuse them too', async () => {
    const page = await signedIn('demo-provider-harbor');
    await page.getByRole('heading', { name: 'Back office only' }).waitFor();
    expect(await page.getByRole('navigation').count()).toBe(0);
    await captureAndAudit(page, 'provider-back-office-only');

    const token = await page.evaluate(async () => {
      const response = await fetch('/api/dev-sign-in', { method: 'POST', body: JSON.stringify({ sub: 'demo-provider-harbor' }) });
      return ((await response.json()) as { token: string }).token;
    });
    const asProvider = (path: string) => fetch(`${dashboard.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    // A back-office-only operation (the link-request queue itself is open to providers, scoped to their grants).
    expect((await asProvider('/api/notification/letters/00000000-0000-4000-8000-000000000000/resends')).status).toBe(403);
    expect((await asProvider('/api/live')).status).toBe(403);
    expect((await asProvider('/api/operations')).status).toBe(403);
    // Nothing of the session lands in the browser's storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(await page.context().cookies()).toEqual([]);
    await page.context().close();
  });

  it('raises a banner on every page while a service is down, naming it and what it means, and drops it once the service is back', async () => {
    const notification = services['notification-service'];
    const page = await signedIn('demo-back-office');
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    const banner = page.getByRole('status').filter({ hasText: 'notification-service' });
    expect(await banner.count()).toBe(0);

    await notification.stop();
    // The banner asks every 15 s; the dashboard server shares one round of answers for 5 s.
    await banner.waitFor({ timeout: 30_000 });
    // Down while it shuts down (its /health says so), then not answering: the same for the analyst.
    await expect(banner.textContent()).resolves.toMatch(
      /^notification-service is (down|not answering): letters are not sent until it is back; the Letters page may be out of date\.See each service’s health and lag on the Operations page$/,
    );
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    await captureAndAudit(page, 'service-down-banner');
    // On the other pages too, and the way to the Operations page says what is wrong there.
    await page.getByRole('link', { name: 'Letters' }).click();
    await page.getByRole('heading', { name: 'Letters' }).waitFor();
    await banner.waitFor();
    await banner.getByRole('link', { name: /Operations page/ }).click();
    await page.getByRole('heading', { name: 'Operations' }).waitFor();
    await page.getByRole('row', { name: /^notification-service / }).getByText('unreachable', { exact: true }).waitFor({ timeout: 30_000 });
    await banner.getByText('notification-service is not answering').waitFor();
    await captureAndAudit(page, 'operations-service-down');

    // Started again (on a port of its own: the dashboard reaches it through the relay).
    services['notification-service'] = await ServiceProcess.start('notification-service', notificationEnv);
    await page.getByRole('link', { name: 'Link-request queue' }).click();
    await banner.waitFor({ state: 'detached', timeout: 45_000 });
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    await page.context().close();
  });

  // Last: it stops the dashboard.
  it('leaves no consumer group behind in Kafka when it stops', async () => {
    const dashboardGroups = async () => (await probe.consumerGroups()).filter((g) => g.startsWith('ops-dashboard-'));
    expect(await dashboardGroups()).toHaveLength(1);
    await dashboard.stop();
    expect(await dashboardGroups()).toEqual([]);
  });
});
