import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { Browser, Page } from 'playwright-core';
import { businessDateOf, NOT_LINKABLE_REASONS, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  testStack,
  groupPractice,
  individualProvider,
  KafkaProbe,
  providerUser,
  ServiceProcess,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { DEMO_USERS } from '../local/demo-users';
import { captureAndAudit, launchChromium } from './browser';

/**
 * Harbor Family Medicine's practice manager, Maria Santos, as the demo has her, but at a group PID of this spec's
 * own: the run's database is shared, and the roster journey spec counts group 110000001's practitioners.
 */
const GROUP = '110000051';
const HARBOR_MANAGER = DEMO_USERS.find((u) => u.sub === 'demo-provider-harbor')!;
const MANAGER = { ...HARBOR_MANAGER, sub: 'portal-e2e-harbor', grants: [`${GROUP}A`, `${GROUP}B`] };
/** A colleague at the practice whom Maria, Primary User of location A, grants and revokes in Users and Access. */
const COLLEAGUE = { sub: 'portal-e2e-colleague', name: 'Joe Alvarez', roles: ['provider' as const], description: 'Front desk at Harbor Family Medicine', grants: [] };
const SAMPLES = join(__dirname, '../../samples');
/** Makes a sample roster this run's own (another spec may upload the same sample to the same group: 409 while its case is open). */
const RUN = Date.now().toString(36);
const ownCopy = (csv: string) => csv.replace('aokafor@harborfamilymed.example', `aokafor+${RUN}@harborfamilymed.example`);
/**
 * The servicing providers the link request journey looks for, this run's own (a provider linked or pending at a
 * location cannot be requested again there): a physician, and an LTSS provider that the portal may not link.
 * Their last name is this run's (letters only), so a partial name finds these two alone.
 */
const RUN_NUMBER = Date.now() % 10_000_000;
const RUN_NAME = `Quenby${[...RUN].map((c) => (/\d/.test(c) ? String.fromCharCode(97 + Number(c)) : c)).join('')}`;
const LINKABLE = individualProvider({
  pid: `28${String(RUN_NUMBER).padStart(7, '0')}`,
  npi: validNpi(RUN_NUMBER),
  firstName: 'Odalys',
  lastName: RUN_NAME,
  providerType: 'NURSE_PRACTITIONER',
  updatedAt: new Date().toISOString(),
});
const LTSS = individualProvider({
  pid: `29${String(RUN_NUMBER).padStart(7, '0')}`,
  npi: validNpi(RUN_NUMBER + 1),
  firstName: 'Lina',
  lastName: RUN_NAME,
  providerType: 'LTSS',
  updatedAt: new Date().toISOString(),
});

/**
 * The provider portal in headless Chromium (Debian's package, driven by playwright-core) against the built
 * services and the portal server: the roster upload journey of the job aid (seed 000), as Maria Santos, the
 * demo practice manager of Harbor Family Medicine.
 */
describe('provider portal in a browser', () => {
  const probe = new KafkaProbe();
  const services: Record<string, ServiceProcess> = {};
  let portal: ServiceProcess;
  let browser: Browser;

  beforeAll(async () => {
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
    for (const provider of [LINKABLE, LTSS]) await probe.publish(Topics.ProviderMasterUpserted, provider.pid, provider);
    const letters = join(testStack().fileStoreDir, 'letters-portal');
    const started = await Promise.all([
      ...['upload-service', 'import-service', 'link-request-service', 'access-service'].map((name) => ServiceProcess.start(name)),
      // Letters go to the mail house's outbox (no SMTP server): SENT by mail.
      ServiceProcess.start('notification-service', { LETTER_STORE_DIR: letters, LETTER_MAIL_OUTBOX_DIR: join(letters, 'outbox') }),
    ]);
    for (const service of started) services[service.name] = service;
    portal = await ServiceProcess.start('provider-portal', {
      UPLOAD_SERVICE_URL: services['upload-service'].baseUrl,
      IMPORT_SERVICE_URL: services['import-service'].baseUrl,
      LINK_REQUEST_SERVICE_URL: services['link-request-service'].baseUrl,
      ACCESS_SERVICE_URL: services['access-service'].baseUrl,
      NOTIFICATION_SERVICE_URL: services['notification-service'].baseUrl,
      DEV_SIGN_IN_USERS: JSON.stringify([MANAGER, COLLEAGUE]),
    });
    // The manager's access, granted by the back office in access-service (as deploy/local/seed-demo-access.ts does),
    // once access-service knows the group from the provider master.
    const backOffice = await tokenFor(backOfficeUser());
    for (const pidsl of MANAGER.grants) {
      await eventually(async () => {
        const response = await fetch(`${services['access-service'].baseUrl}/service-locations/${pidsl}/users/${MANAGER.sub}`, {
          method: 'PUT',
          headers: { authorization: `Bearer ${backOffice}`, 'content-type': 'application/json' },
          body: JSON.stringify({ name: MANAGER.name }),
        });
        if (response.status !== 201 && response.status !== 200) throw new Error(`grant answered ${response.status}`);
      });
    }
    // Maria is the Primary User of location A (Users and Access), as the back office names one.
    const named = await fetch(`${services['access-service'].baseUrl}/service-locations/${GROUP}A/primary-user`, {
      method: 'PUT',
      headers: { authorization: `Bearer ${backOffice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ userId: MANAGER.sub }),
    });
    expect(named.status).toBe(200);
    // The practice's name comes from link-request-service's directory, once it has the provider master too.
    const manager = await tokenFor(providerUser(...MANAGER.grants));
    await eventually(async () => {
      const response = await fetch(`${services['link-request-service'].baseUrl}/service-locations`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      const { items } = (await response.json()) as { items?: unknown[] };
      if (!items?.length) throw new Error('the directory does not know the group yet');
    });
    // Search for Provider finds the run's providers once link-request-service has them from the provider master.
    await eventually(async () => {
      const response = await fetch(`${services['link-request-service'].baseUrl}/providers/search?name=${RUN_NAME}`, {
        headers: { authorization: `Bearer ${manager}` },
      });
      const { items } = (await response.json()) as { items?: unknown[] };
      if (items?.length !== 2) throw new Error('the directory does not know the run’s providers yet');
    });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await probe.close();
    await Promise.all([portal?.stop(), ...Object.values(services).map((s) => s.stop())]);
  });

  async function signedIn(user: { name: string } = MANAGER): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1366, height: 768 }, acceptDownloads: true });
    const page = await context.newPage();
    await page.goto(portal.baseUrl);
    await page.getByRole('radio', { name: new RegExp(user.name) }).check();
    await page.getByRole('button', { name: 'Sign in' }).click();
    // The sign-in page's radio names the practice too: wait until the Welcome page has replaced it.
    await page.getByRole('heading', { name: `Welcome, ${user.name}` }).waitFor();
    return page;
  }

  /** Photographs the view and audits it with axe-core (WCAG 2 A/AA and best practices): any violation fails, naming rule and elements. */
  /** Upload Files (or Upload revised file) opens the computer's file window; the file is chosen there. */
  async function chooseFile(page: Page, button: string, name: string, content: string | Buffer): Promise<void> {
    const [chooser] = await Promise.all([page.waitForEvent('filechooser'), page.getByRole('button', { name: button, exact: true }).click()]);
    await chooser.setFiles({ name, mimeType: name.endsWith('.csv') ? 'text/csv' : 'application/octet-stream', buffer: Buffer.from(content) });
  }

  async function download(page: Page, button: string): Promise<{ name: string; text: string }> {
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: button }).click()]);
    return { name: file.suggestedFilename(), text: await readFile((await file.path())!, 'utf8') };
  }

  it('follows the job aid: open the practice, upload a roster, fix its errors with a revised file, and see the practitioners', async () => {
    const withErrors = ownCopy(await readFile(join(SAMPLES, 'roster-harbor-with-errors.csv'), 'utf8'));
    const good = ownCopy(await readFile(join(SAMPLES, 'roster-harbor-add.csv'), 'utf8'));
    const page = await signedIn();

    // Step 2: on the Welcome page, select the box next to the Practice Name; Open Selected Practice.
    await page.getByRole('heading', { name: `Welcome, ${MANAGER.name}` }).waitFor();
    await page.getByRole('radio', { name: 'Harbor Family Medicine' }).waitFor();
    await captureAndAudit(page, 'portal-welcome');
    await page.getByRole('radio', { name: 'Harbor Family Medicine' }).check();
    await page.getByRole('button', { name: 'Open Selected Practice' }).click();
    await page.getByRole('heading', { name: 'Group Account: Harbor Family Medicine' }).waitFor();
    await page.getByRole('heading', { name: 'Recently Viewed' }).waitFor();
    await captureAndAudit(page, 'portal-group-account');

    // Step 3: Roster Upload tab, Add/Update in the Roster Import Type field, Next.
    await page.getByRole('radio', { name: /Add\/Update/ }).check();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Upload Files' }).waitFor();
    const template = await download(page, 'Download template (CSV)');
    expect(template.name).toBe('roster-template.csv');
    expect(template.text.replace(/^\uFEFF/, '').split(/\r?\n/)[0]).toMatch(/^NPI,Last Name,First Name,/);

    // A file that is not a roster is refused on this computer, before anything is sent.
    await chooseFile(page, 'Upload Files', 'roster.pdf', '%PDF-1.7');
    await page.getByRole('alert').getByText('roster.pdf is not a roster file').waitFor();

    // A CSV whose header is not the template's is refused on this computer too, each bad column named, by the rule
    // upload-service applies (an Excel file's header is checked there: 422).
    await chooseFile(page, 'Upload Files', 'roster-bad-header.csv', withErrors.replace('Date of Birth', 'Birthdate'));
    const refused = page.getByRole('alert');
    await refused.getByText(/roster-bad-header\.csv is not the approved roster template/).waitFor();
    await expect(refused.textContent()).resolves.toMatch(/Birthdate/);
    expect(await page.getByRole('dialog', { name: 'Upload Files' }).count()).toBe(0);
    await captureAndAudit(page, 'portal-upload-refused');

    // Step 4: Upload Files, select the roster, Open; X closes the window; Next; Save and Continue: a case is created.
    await chooseFile(page, 'Upload Files', 'roster.csv', withErrors);
    await page.getByRole('dialog', { name: 'Upload Files' }).getByText('roster.csv').waitFor();
    await captureAndAudit(page, 'portal-upload-files');
    await page.getByRole('button', { name: 'Close the Upload Files window' }).click();
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('button', { name: 'Save and Continue' }).click();
    const created = page.getByRole('heading', { name: /^Case RI-\d{4}-\d{6} created$/ });
    await created.waitFor({ timeout: 60_000 });
    const rejectedCase = /RI-\d{4}-\d{6}/.exec((await created.textContent())!)![0];
    const recent = page.getByRole('complementary', { name: 'Recently Viewed' });
    await recent.getByRole('row', { name: new RegExp(`${rejectedCase}.*New`) }).waitFor();
    await captureAndAudit(page, 'portal-case-created');

    // Step 5: in Recently Viewed, the Case Number of the most recent Roster Import in New status; Process Roster Import.
    await recent.getByRole('link', { name: rejectedCase }).click();
    await page.getByRole('heading', { name: `Roster Import Case ${rejectedCase}` }).waitFor();
    await page.getByRole('button', { name: 'Process Roster Import' }).click();
    // Step 6: the errors are on the case; they must be corrected and a revised file uploaded.
    await page.getByText('Rejected', { exact: true }).waitFor({ timeout: 60_000 });
    const errorCount = page.getByRole('heading', { name: /^Row errors \(\d+\)$/ });
    await errorCount.waitFor();
    const errorRows = page.locator('table.data tbody tr');
    await errorRows.first().waitFor();
    const listedRows = await errorRows.locator('td:first-child').allTextContents();
    expect(listedRows.length).toBe(Number(/\d+/.exec((await errorCount.textContent())!)![0]));
    expect(listedRows[0]).toBe('3');
    expect(listedRows).toEqual(expect.arrayContaining(['4', '5', '8']));
    await captureAndAudit(page, 'portal-case-rejected');
    const errorsCsv = await download(page, 'Download errors as CSV');
    expect(errorsCsv.name).toBe(`${rejectedCase}-errors.csv`);
    expect(errorsCsv.text.split(/\r?\n/)[0]).toBe('Row,Column,Code,Message');
    expect(errorsCsv.text).toMatch(/^5,Service Location,/m);

    await chooseFile(page, 'Upload revised file', 'roster-revised.csv', good);
    const revisedHeading = page.getByRole('heading', { name: /^Roster Import Case RI-\d{4}-\d{6}$/ });
    await page.getByRole('link', { name: rejectedCase }).waitFor({ timeout: 60_000 });
    const revisedCase = /RI-\d{4}-\d{6}/.exec((await revisedHeading.textContent())!)![0];
    expect(revisedCase).not.toBe(rejectedCase);
    await page.getByRole('button', { name: 'Process Roster Import' }).click();
    await page.getByText('Completed', { exact: true }).waitFor({ timeout: 60_000 });
    await page.getByText(/The roster import is complete, without errors/).waitFor();
    const practitioners = page.getByRole('table', { name: 'Practitioners of the group and their status' });
    await practitioners.getByRole('row', { name: /Okafor, Adaeze.*Waiting for CAQH/ }).waitFor();
    await practitioners.getByRole('row', { name: /1804672131.*Submitted/ }).waitFor();
    await captureAndAudit(page, 'portal-case-completed');

    // The rejected case is superseded by the revised one.
    const manager = await tokenFor(providerUser(...MANAGER.grants));
    const old = (await (
      await fetch(`${services['import-service'].baseUrl}/cases/${rejectedCase}`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { status: string };
    expect(old.status).toBe('SUPERSEDED');

    // Home, and the Practitioners tab of the group record.
    await page.getByRole('link', { name: 'Group Account' }).click();
    await page.getByRole('link', { name: 'Practitioners' }).click();
    await practitioners.getByRole('row', { name: /Okafor, Adaeze/ }).waitFor();
    await captureAndAudit(page, 'portal-practitioners');

    // Nothing of the session or the roster lands in the browser's storage.
    expect(await page.evaluate(() => [localStorage.length, sessionStorage.length])).toEqual([0, 0]);
    expect(await page.context().cookies()).toEqual([]);
    await page.context().close();
  });

  it('follows the group link request job aid: Group Practice Info, a location, New Item, search, Effective Date, Update, Submit, Agreement', async () => {
    const pidsl = `${GROUP}A`;
    const page = await signedIn();
    await page.getByRole('radio', { name: 'Harbor Family Medicine' }).check();
    await page.getByRole('button', { name: 'Open Selected Practice' }).click();
    await page.getByRole('heading', { name: 'Group Account: Harbor Family Medicine' }).waitFor();

    // Steps 1–3: Manage Provider Information, Maintain Profile, Update Your MassHealth Profile.
    await page.getByRole('link', { name: 'Manage Provider Information' }).click();
    await page.getByRole('button', { name: 'Maintain Profile' }).click();
    await page.getByRole('link', { name: 'Update Your MassHealth Profile' }).waitFor();
    await captureAndAudit(page, 'portal-manage-provider-information');
    await page.getByRole('link', { name: 'Update Your MassHealth Profile' }).click();
    // Step 4: select the provider in the List of Providers.
    await page.getByRole('heading', { name: 'List of Providers' }).waitFor();
    await captureAndAudit(page, 'portal-list-of-providers');
    await page.getByRole('table', { name: 'Providers you may update' }).getByRole('link', { name: 'Harbor Family Medicine' }).click();
    // Step 5: Group Practice Info on the Steps panel.
    await page.getByRole('navigation', { name: 'Steps' }).getByRole('link', { name: 'Group Practice Info' }).click();
    // Step 6: the List of Locations granted to the user, and whom to ask for one that is not.
    await page.getByRole('heading', { name: 'List of Locations' }).waitFor();
    await page.getByRole('link', { name: `${GROUP}B` }).waitFor();
    await page.getByRole('textbox', { name: 'PID/SL' }).fill(`${GROUP}C`);
    await page.getByRole('button', { name: 'Find the Primary User' }).click();
    await page
      .getByText(new RegExp(`(The Primary User of ${GROUP}C is|${GROUP}C has no Primary User yet|There is no service location ${GROUP}C)`))
      .waitFor();
    await captureAndAudit(page, 'portal-list-of-locations');

    // Step 7: the location's List of Servicing Providers; New Item.
    await page.getByRole('link', { name: pidsl }).click();
    await page.getByRole('heading', { name: 'List of Servicing Providers' }).waitFor();
    await page
      .getByText(/(No servicing provider has been linked|Servicing providers of)/)
      .first()
      .waitFor();
    await captureAndAudit(page, 'portal-servicing-providers');
    await page.getByRole('button', { name: 'New Item' }).click();
    // Step 8: the magnifying glass opens Search for Provider.
    await page.getByRole('heading', { name: 'Search for Existing Service Providers' }).waitFor();
    await captureAndAudit(page, 'portal-search-existing');
    await page.getByRole('button', { name: 'Search for Provider' }).click();
    // Step 9: search by part of the name.
    await page.getByRole('heading', { name: 'Search for Provider' }).waitFor();
    await page.getByRole('searchbox', { name: 'Provider Name' }).fill(RUN_NAME.slice(0, -1).toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    const results = page.getByRole('table', { name: /Providers found/ });
    await results.waitFor();
    expect(await results.locator('tbody tr').count()).toBe(2);
    // An LTSS provider is found, but shown as not linkable, with where to go instead.
    const ltssRow = results.getByRole('row', { name: new RegExp(LTSS.pid) });
    await expect(ltssRow.textContent()).resolves.toContain(`No — ${NOT_LINKABLE_REASONS.LTSS}`);
    await captureAndAudit(page, 'portal-search-for-provider');
    await ltssRow.getByRole('button', { name: `${RUN_NAME}, Lina` }).click();
    await page.getByRole('heading', { name: 'Service Provider Detail' }).waitFor();
    await page.getByRole('alert').getByText(NOT_LINKABLE_REASONS.LTSS).waitFor();
    expect(await page.getByLabel(/Effective Date/).count()).toBe(0);
    await captureAndAudit(page, 'portal-provider-not-linkable');
    await page.getByRole('button', { name: 'Back to Search for Provider' }).click();

    // Step 10: click the Provider Name. Step 11: verify the detail; Effective Date today, no end date.
    await page.getByRole('searchbox', { name: 'Provider Name' }).fill(RUN_NAME.slice(0, -1).toLowerCase());
    await page.getByRole('button', { name: 'Search', exact: true }).click();
    await results
      .getByRole('row', { name: new RegExp(LINKABLE.pid) })
      .getByRole('button', { name: `${RUN_NAME}, Odalys` })
      .click();
    await page.getByRole('heading', { name: 'Service Provider Detail' }).waitFor();
    await page.getByText(LINKABLE.npi, { exact: true }).waitFor();
    const today = businessDateOf(new Date());
    await page.getByLabel(/Effective Date/).fill(today);
    await captureAndAudit(page, 'portal-service-provider-detail');
    // Step 12: Update saves it to the List of Servicing Providers.
    await page.getByRole('button', { name: 'Update' }).click();
    await page.getByRole('row', { name: new RegExp(`${RUN_NAME}, Odalys.*New item: not submitted yet`) }).waitFor();
    // Step 13: Submit. Step 14: certify on the Agreement panel, Submit.
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('heading', { name: 'Agreement' }).waitFor();
    await page.getByRole('checkbox', { name: /I certify/ }).check();
    await captureAndAudit(page, 'portal-agreement');
    await page.getByRole('button', { name: 'Submit', exact: true }).click();

    // Processing: due within 10 business days; a letter to the DBA address.
    await page.getByRole('heading', { name: 'Group link request submitted' }).waitFor({ timeout: 30_000 });
    const confirmation = (await page.getByRole('status').filter({ hasText: 'Group link request submitted' }).textContent()) ?? '';
    expect(confirmation).toMatch(/processed within 10 business days: this one is due by \w+day, \w+ \d{1,2}, \d{4}/);
    expect(confirmation).toContain("A letter will be sent to Harbor Family Medicine's DBA address once the change request is processed.");
    await captureAndAudit(page, 'portal-link-request-submitted');

    // link-request-service has it, SUBMITTED, due on the 10th business day after today, as the page said.
    const manager = await tokenFor(providerUser(...MANAGER.grants));
    const listed = (await (
      await fetch(`${services['link-request-service'].baseUrl}/link-requests?pidsl=${pidsl}`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { items: { requestId: string; status: string; dueDate: string; effectiveDate: string; provider: { providerId: string } }[] };
    const request = listed.items.find((r) => r.provider.providerId === LINKABLE.pid);
    expect(request).toMatchObject({ status: 'SUBMITTED', effectiveDate: today });
    expect(confirmation).toContain(`Request ID: ${request?.requestId}.`);
    const tenth = (await (
      await fetch(`${services['link-request-service'].baseUrl}/business-calendar/add?date=${today}&businessDays=10`, {
        headers: { authorization: `Bearer ${manager}` },
      })
    ).json()) as { date: string };
    expect(request?.dueDate).toBe(tenth.date);
    const [year, month, day] = tenth.date.split('-').map(Number);
    expect(confirmation).toContain(
      new Intl.DateTimeFormat('en-US', { dateStyle: 'full', timeZone: 'UTC' }).format(new Date(Date.UTC(year, month - 1, day))),
    );

    // Back on the List of Servicing Providers, the request waits for MassHealth.
    await page.getByRole('button', { name: 'Back to List of Servicing Providers' }).click();
    await page
      .getByRole('table', { name: `Link requests of ${pidsl} not processed yet` })
      .getByRole('row', { name: new RegExp(LINKABLE.pid) })
      .waitFor();
    await page.context().close();
  });

  it('after MassHealth decides: the notification, My requests with the decision and its letter, then ending the link', async () => {
    const pidsl = `${GROUP}A`;
    const manager = await tokenFor(providerUser(...MANAGER.grants));
    const backOffice = await tokenFor(backOfficeUser());
    const listed = (await (
      await fetch(`${services['link-request-service'].baseUrl}/link-requests?pidsl=${pidsl}`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { items: { requestId: string; provider: { providerId: string } }[] };
    const request = listed.items.find((r) => r.provider.providerId === LINKABLE.pid);
    expect(request).toBeDefined();
    const decided = await fetch(`${services['link-request-service'].baseUrl}/link-requests/${request!.requestId}/decision`, {
      method: 'POST',
      headers: { authorization: `Bearer ${backOffice}`, 'content-type': 'application/json' },
      body: JSON.stringify({ decision: 'APPROVED' }),
    });
    expect(decided.status).toBe(200);

    const page = await signedIn();
    // The header counts the unread notifications; the decision is one of them.
    await page.getByRole('link', { name: /^Notifications \(\d+ unread\)$/ }).waitFor({ timeout: 30_000 });
    await page.getByRole('link', { name: /^Notifications/ }).click();
    await page.getByRole('heading', { name: 'Notifications', level: 1 }).waitFor();
    const notice = page.getByRole('listitem').filter({ has: page.getByRole('heading', { name: `Link request approved: Odalys ${RUN_NAME}` }) });
    await notice.waitFor({ timeout: 30_000 });
    await captureAndAudit(page, 'portal-notifications');
    await notice.getByRole('link', { name: 'Open the request in My requests' }).click();

    // The request, its decision, and the letter to the DBA address.
    await page.getByRole('heading', { name: `Link request: ${RUN_NAME}, Odalys at ${pidsl}` }).waitFor();
    await page.getByRole('heading', { name: 'Decision letter' }).waitFor();
    const show = page.getByRole('button', { name: 'Show the letter' });
    await show.waitFor({ timeout: 60_000 });
    await show.click();
    const frame = page.locator('iframe[title^="Letter "]');
    await frame.waitFor();
    expect(await frame.getAttribute('src')).toMatch(/^blob:/);
    await captureAndAudit(page, 'portal-request-letter');

    // My requests lists it, approved.
    await page.getByRole('navigation', { name: 'Portal' }).getByRole('link', { name: 'My requests' }).click();
    await page.getByRole('heading', { name: 'My requests and letters' }).waitFor();
    const requests = page.getByRole('table', { name: 'Your link and unlink requests, soonest due first' });
    await requests.getByRole('row', { name: new RegExp(`${RUN_NAME}, Odalys.*Approved`) }).waitFor();
    await captureAndAudit(page, 'portal-my-requests');

    // The practitioner leaves: End link on the List of Servicing Providers, an end date, certify, Submit.
    await page.evaluate(`window.location.hash = '#/practices/${GROUP}/provider-information/group-practice-info/${pidsl}'`);
    await page.getByRole('heading', { name: 'List of Servicing Providers' }).waitFor();
    await page.getByRole('button', { name: `End link: ${RUN_NAME}, Odalys` }).click({ timeout: 30_000 });
    await page.getByRole('heading', { name: 'End Date' }).waitFor();
    const endDate = businessDateOf(new Date(Date.now() + 30 * 24 * 3600 * 1000));
    await page.getByLabel('End Date').fill(endDate);
    await captureAndAudit(page, 'portal-end-link');
    await page.getByRole('button', { name: 'Next' }).click();
    await page.getByRole('heading', { name: 'Agreement' }).waitFor();
    await page.getByRole('checkbox', { name: /I certify/ }).check();
    await page.getByRole('button', { name: 'Submit', exact: true }).click();
    await page.getByRole('heading', { name: 'Request to end the link submitted' }).waitFor({ timeout: 30_000 });
    const unlinks = (await (
      await fetch(`${services['link-request-service'].baseUrl}/link-requests?pidsl=${pidsl}&status=SUBMITTED`, { headers: { authorization: `Bearer ${manager}` } })
    ).json()) as { items: { kind: string; endDate?: string; provider: { providerId: string } }[] };
    expect(unlinks.items.find((r) => r.provider.providerId === LINKABLE.pid)).toMatchObject({ kind: 'UNLINK', endDate });
    await page.context().close();
  });

  it('lets the Primary User grant a colleague in Users and Access, and revoke them: within 5 s the colleague is out everywhere', async () => {
    const pidsl = `${GROUP}A`;
    const page = await signedIn();
    await page.evaluate(`window.location.hash = '#/practices/${GROUP}/users-and-access/${pidsl}'`);
    await page.getByRole('heading', { name: `Users with access to ${pidsl}` }).waitFor();
    const grant = page.getByRole('form', { name: `Grant access to ${pidsl}` });
    await grant.getByRole('textbox', { name: 'User ID' }).fill(COLLEAGUE.sub);
    await grant.getByRole('textbox', { name: 'Name' }).fill(COLLEAGUE.name);
    await grant.getByRole('button', { name: 'Grant access' }).click();
    await page.getByText(`${COLLEAGUE.name} (${COLLEAGUE.sub}) now has access to ${pidsl}.`).waitFor();
    await captureAndAudit(page, 'portal-users-and-access');

    // The colleague, signed in, works with the practice's location A.
    const colleaguePage = await signedIn(COLLEAGUE);
    await colleaguePage.getByRole('radio', { name: 'Harbor Family Medicine' }).waitFor({ timeout: 10_000 });
    const colleague = await tokenFor(COLLEAGUE);
    const servicingProviders = () =>
      fetch(`${services['link-request-service'].baseUrl}/service-locations/${pidsl}/servicing-providers`, { headers: { authorization: `Bearer ${colleague}` } });
    expect((await servicingProviders()).status).toBe(200);

    // Remove access, confirmed; the audit trail says who did what.
    await page.getByRole('button', { name: `Remove access: ${COLLEAGUE.name}` }).click();
    await page.getByRole('button', { name: 'Yes, remove access' }).click();
    await page.getByText(`${COLLEAGUE.name} (${COLLEAGUE.sub}) no longer has access to ${pidsl}.`).waitFor();
    const revokedAt = Date.now();
    await page.getByRole('table', { name: `Changes to the access to ${pidsl}, newest first` }).getByRole('row', { name: /Access removed/ }).first().waitFor();
    // Within 5 s the colleague's next call on that location is 404, with the token they already had ...
    await eventually(async () => expect((await servicingProviders()).status).toBe(404), { timeoutMs: 5_000, intervalMs: 50 });
    // ... and the portal, which asks access-service again every 3 s, no longer shows them the practice: the Welcome
    // page says whom to ask.
    await colleaguePage.getByText(/You do not have access to a practice yet/).waitFor({ timeout: Math.max(1, 5_000 - (Date.now() - revokedAt)) });
    expect(await colleaguePage.getByRole('radio', { name: 'Harbor Family Medicine' }).count()).toBe(0);
    await captureAndAudit(colleaguePage, 'portal-no-access');
    await colleaguePage.context().close();
    await page.context().close();
  });

  it('can request a link with the keyboard alone: New Item, the magnifying glass, a search, the Provider Name', async () => {
    const page = await signedIn();
    await page.getByRole('radio', { name: 'Harbor Family Medicine' }).waitFor();
    // The session lives in the page's memory: the location is changed in the page, not by loading it again.
    await page.evaluate(`window.location.hash = '#/practices/${GROUP}/provider-information/group-practice-info/${GROUP}A'`);
    await page.getByRole('heading', { name: 'List of Servicing Providers' }).waitFor();
    const focusedText = () =>
      page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''");
    // Polled from here (page.evaluate): the page's Content-Security-Policy refuses Playwright's in-page polling of a string.
    const focusReaches = (expression: string) =>
      eventually(async () => {
        if (!(await page.evaluate<boolean>(expression))) throw new Error(`the focus did not reach ${expression}`);
      });
    async function tabTo(name: string): Promise<void> {
      for (let presses = 0; presses < 80; presses++) {
        await page.keyboard.press('Tab');
        if ((await focusedText()) === name) return;
      }
      throw new Error(`${name} cannot be reached with Tab`);
    }
    await tabTo('New Item');
    await page.keyboard.press('Enter');
    // Each panel's heading takes the focus; Tab goes on from there.
    await focusReaches("document.activeElement?.textContent === 'Search for Existing Service Providers'");
    await tabTo('Search for Provider');
    await page.keyboard.press('Enter');
    await focusReaches("document.activeElement?.textContent === 'Search for Provider'");
    await page.keyboard.press('Tab');
    await focusReaches("document.activeElement?.id === 'search-providerId'");
    await page.keyboard.press('Tab');
    await page.keyboard.press('Tab');
    expect(await page.evaluate<string>('document.activeElement?.id')).toBe('search-name');
    await page.keyboard.type(RUN_NAME.slice(0, -2));
    await page.keyboard.press('Enter');
    // The results' heading takes the focus; the Provider Name is the next stop.
    await focusReaches("document.activeElement?.textContent?.startsWith('Search results')");
    await tabTo(`${RUN_NAME}, Lina`);
    await page.keyboard.press('Enter');
    await focusReaches("document.activeElement?.textContent === 'Service Provider Detail'");
    await tabTo('Back to Search for Provider');
    await page.context().close();
  });

  it('can be worked with the keyboard alone: open the practice, choose the import type, reach Upload Files', async () => {
    const page = await signedIn();
    await page.getByRole('radio', { name: 'Harbor Family Medicine' }).waitFor();
    const focused = () =>
      page.evaluate<string>("document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent?.trim() ?? ''");
    const focusedRole = () => page.evaluate<string>("`${document.activeElement?.tagName}:${document.activeElement?.getAttribute('type') ?? ''}`");
    // Polled from here (page.evaluate): the page's Content-Security-Policy refuses Playwright's in-page polling of a string.
    const focusReaches = (expression: string) =>
      eventually(async () => {
        if (!(await page.evaluate<boolean>(expression))) throw new Error(`the focus did not reach ${expression}`);
      });
    async function tabTo(found: () => Promise<boolean>, what: string): Promise<void> {
      for (let presses = 0; presses < 30; presses++) {
        await page.keyboard.press('Tab');
        if (await found()) return;
      }
      throw new Error(`${what} cannot be reached with Tab`);
    }
    await page.keyboard.press('Tab');
    expect(await focused()).toBe('Skip to content');
    await tabTo(async () => (await focusedRole()) === 'INPUT:radio', 'the practice');
    await page.keyboard.press('Space');
    await tabTo(async () => (await focused()) === 'Open Selected Practice', 'Open Selected Practice');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Group Account: Harbor Family Medicine' }).waitFor();
    // A new view takes the focus to its content; Tab goes on from there.
    await focusReaches("document.activeElement?.id === 'main'");
    await tabTo(async () => (await focusedRole()) === 'INPUT:radio', 'the Roster Import Type');
    await page.keyboard.press('Space');
    await tabTo(async () => (await focused()) === 'Next', 'Next');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { name: 'Upload Files' }).waitFor();
    // Each step's heading takes the focus.
    await focusReaches("document.activeElement?.textContent === 'Upload Files'");
    await tabTo(async () => (await focused()) === 'Upload Files', 'Upload Files');
    await page.context().close();
  });
});
