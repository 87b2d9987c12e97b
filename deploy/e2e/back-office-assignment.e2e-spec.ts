import { join } from 'node:path';
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
import { captureAndAudit, launchChromium } from './browser';

const GROUP = '110000065';
const PIDSL = `${GROUP}A`;
const PRACTITIONER = individualProvider({ pid: '210000065', npi: validNpi(65), firstName: 'Elena', lastName: 'Rivera' });
const NOTE = 'Called the practice: the license copy is on its way.';

function demoUser(sub: string): (typeof DEMO_USERS)[number] {
  const user = DEMO_USERS.find((u) => u.sub === sub);
  if (!user) throw new Error(`deploy/local/demo-users.ts has no ${sub}`);
  return user;
}

/** The demo users, and a second back-office analyst: two analysts sharing the queue. */
const ANALYST_A = demoUser('demo-back-office');
const ANALYST_B = {
  sub: 'demo-back-office-2',
  name: 'Lee Park',
  roles: ['back-office' as const],
  grants: [],
  description: 'A second agency back-office analyst: shares the link-request queue with Dana',
};

/**
 * Two back-office analysts share their work in the operations dashboard (headless Chromium,
 * playwright-core), against the built link-request-service and dashboard server as processes,
 * with assignment required: analyst A takes a request and leaves a note; analyst B, in another
 * browser context, sees it assigned to A, reads the note, and may not decide it.
 */
describe('back-office assignment and notes in the dashboard', () => {
  const probe = new KafkaProbe();
  let linkRequests: ServiceProcess;
  const others: ServiceProcess[] = [];
  let dashboard: ServiceProcess;
  let browser: Browser;
  let requestId: string;

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    await probe.publish(Topics.ProviderMasterUpserted, PRACTITIONER.pid, PRACTITIONER);
    // Every service the dashboard watches runs (its banner names any that does not answer); link requests need an assignee to be decided.
    const letters = join(testStack().fileStoreDir, 'assignment-letters');
    const started = await Promise.all([
      ServiceProcess.start('link-request-service', { LINK_REQUEST_ASSIGNMENT_REQUIRED: 'true' }),
      ServiceProcess.start('upload-service'),
      ServiceProcess.start('import-service'),
      ServiceProcess.start('notification-service', { LETTER_STORE_DIR: letters, LETTER_MAIL_OUTBOX_DIR: join(letters, 'outbox') }),
      ServiceProcess.start('access-service'),
    ]);
    others.push(...started.slice(1));
    linkRequests = started[0];
    const urlOf = (name: string) => {
      const service = started.find((s) => s.name === name);
      if (!service) throw new Error(`${name} did not start`);
      return service.baseUrl;
    };
    dashboard = await ServiceProcess.start('ops-dashboard', {
      LINK_REQUEST_SERVICE_URL: linkRequests.baseUrl,
      UPLOAD_SERVICE_URL: urlOf('upload-service'),
      IMPORT_SERVICE_URL: urlOf('import-service'),
      NOTIFICATION_SERVICE_URL: urlOf('notification-service'),
      ACCESS_SERVICE_URL: urlOf('access-service'),
      DEV_SIGN_IN_USERS: JSON.stringify([...DEMO_USERS, ANALYST_B]),
    });
    browser = await launchChromium();

    // The practice submits a link request, as its portal would (once the provider master has reached the service).
    const manager = await tokenFor(providerUser(PIDSL));
    requestId = await eventually(async () => {
      const response = await fetch(`${linkRequests.baseUrl}/service-locations/${PIDSL}/link-requests`, {
        method: 'POST',
        headers: { authorization: `Bearer ${manager}`, 'content-type': 'application/json' },
        body: JSON.stringify({
          servicingProviderId: PRACTITIONER.pid,
          effectiveDate: businessDateOf(new Date(Date.now() + 30 * 86_400_000)),
          attestation: true,
        }),
      });
      if (response.status !== 201) throw new Error(`link request answered ${response.status}: ${await response.text()}`);
      return ((await response.json()) as { requestId: string }).requestId;
    });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    await probe.close();
    await Promise.all([dashboard?.stop(), linkRequests?.stop(), ...others.map((s) => s.stop())]);
  });

  async function signedIn(user: { sub: string; name: string }): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 } });
    const page = await context.newPage();
    await page.goto(dashboard.baseUrl);
    await page.getByRole('radio', { name: new RegExp(user.name) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Link-request queue' }).waitFor();
    return page;
  }

  const rowOf = (page: Page) => page.getByRole('row', { name: /Rivera, Elena/ });
  /**
   * Waits until the row's Assignee cell (the last column) reads exactly `name`. The queue keeps
   * showing its previous rows while a new filter's page loads, so reading the cell at once could
   * see the row as it was before the filter changed.
   */
  const assigneeReads = (page: Page, name: string) =>
    rowOf(page)
      .getByRole('cell')
      .last()
      .filter({ hasText: new RegExp(`^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`) })
      .waitFor();

  it('lets analyst A take a request and leave a note; analyst B sees it assigned to A, with the note, and may not decide it', async () => {
    // Analyst A: the request is nobody's; A takes it and writes a note.
    const a = await signedIn(ANALYST_A);
    await rowOf(a).waitFor();
    await assigneeReads(a, 'Unassigned');
    await a.getByRole('link', { name: 'Rivera, Elena' }).click();
    await a.getByRole('heading', { name: /Link request: Rivera, Elena at 110000065A/ }).waitFor();
    await a.getByText('Nobody is working on this request yet.').waitFor();
    await a.getByRole('button', { name: 'Assign to me' }).click();
    await a.getByText(`${ANALYST_A.name} (you)`).waitFor();
    await a.getByRole('button', { name: 'Unassign' }).waitFor();

    await a.getByRole('button', { name: 'Add note' }).click();
    await a.getByText('Write the note first: it cannot be empty.').waitFor();
    await a.getByLabel('Add an internal note').fill(NOTE);
    await a.getByRole('button', { name: 'Add note' }).click();
    const threadOfA = a.getByRole('list', { name: 'Notes, oldest first (1)' });
    await threadOfA.getByText(NOTE).waitFor();
    await expect(a.getByLabel('Add an internal note').inputValue()).resolves.toBe('');
    // The audit trail names both, by whom; the note's text stays in the thread.
    await a.getByRole('cell', { name: 'ASSIGNED', exact: true }).waitFor();
    await a.getByRole('cell', { name: 'NOTE_ADDED', exact: true }).waitFor();
    await captureAndAudit(a, 'link-request-assigned-with-note');

    await a.getByRole('link', { name: '← Back to the queue' }).click();
    await a.getByLabel('Assignee').selectOption({ label: 'Mine' });
    await assigneeReads(a, `${ANALYST_A.name} (you)`);
    await captureAndAudit(a, 'link-request-queue-mine');

    // Analyst B, in a browser of their own: the request is A's, and A's note is there.
    const b = await signedIn(ANALYST_B);
    await rowOf(b).waitFor();
    await assigneeReads(b, ANALYST_A.name);
    await b.getByLabel('Assignee').selectOption({ label: 'Unassigned' });
    await rowOf(b).waitFor({ state: 'detached' });
    await b.getByLabel('Assignee').selectOption({ label: ANALYST_A.name });
    await rowOf(b).waitFor();
    await b.getByRole('link', { name: 'Rivera, Elena' }).click();
    await b.getByText(/^Assigned to Dana Whitfield since /).waitFor();
    const threadOfB = b.getByRole('list', { name: 'Notes, oldest first (1)' });
    await threadOfB.getByText(NOTE).waitFor();
    await threadOfB.getByText(ANALYST_A.name).waitFor();

    // Assignment is required: B may not decide A's request, and is told why in words.
    await b.getByRole('button', { name: 'Approve' }).click();
    await b.getByRole('button', { name: 'Yes, approve' }).click();
    await b.getByText(`Link request ${requestId} is assigned to ${ANALYST_A.name}: only they or an admin may decide it (assignment is required)`).waitFor();
    await captureAndAudit(b, 'link-request-assigned-seen-by-another-analyst');

    // What the service holds: A is the assignee, one note by A, and the request is still open.
    const asBackOffice = { headers: { authorization: `Bearer ${await tokenFor(backOfficeUser())}` } };
    const request = (await (await fetch(`${linkRequests.baseUrl}/link-requests/${requestId}`, asBackOffice)).json()) as {
      history: { action: string; actor: string }[];
    };
    expect(request).toMatchObject({ status: 'SUBMITTED', assignee: { userId: ANALYST_A.sub, name: ANALYST_A.name } });
    expect(request.history.map((h) => [h.action, h.actor])).toEqual([
      ['LINK_REQUESTED', providerUser(PIDSL).sub],
      ['ASSIGNED', ANALYST_A.sub],
      ['NOTE_ADDED', ANALYST_A.sub],
    ]);
    const notes = await (await fetch(`${linkRequests.baseUrl}/link-requests/${requestId}/notes`, asBackOffice)).json();
    expect(notes).toMatchObject({ total: 1, items: [{ author: { userId: ANALYST_A.sub, name: ANALYST_A.name }, text: NOTE }] });
    await Promise.all([a.context().close(), b.context().close()]);
  });
});
