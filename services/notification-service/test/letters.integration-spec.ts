import { randomUUID } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { LinkRequestProcessedV1, Topics } from '@rosterlink/contracts';
import { backOfficeUser, eventually, KafkaProbe, linkRequestProcessed, providerUser, readPdf, RunningService, startService, testStack, tokenFor } from '@rosterlink/testing';
import { NOTIFICATION_SERVICE } from '../src/app.module';

const GROUP = '110000041';

function processed(overrides: Partial<LinkRequestProcessedV1> = {}): LinkRequestProcessedV1 {
  return linkRequestProcessed({ requestId: randomUUID(), pidsl: `${GROUP}A`, groupId: GROUP, ...overrides });
}

describe('notification-service: letters to the DBA address', () => {
  const outbox = join(testStack().fileStoreDir, 'mail-house-outbox');
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;

  beforeAll(async () => {
    service = await startService(NOTIFICATION_SERVICE, {
      LETTER_STORE_DIR: join(testStack().fileStoreDir, 'letters'),
      LETTER_MAIL_OUTBOX_DIR: outbox,
    });
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function call(path: string, token = backOffice, method = 'GET'): Promise<Response> {
    return fetch(`${service.baseUrl}${path}`, { method, headers: { authorization: `Bearer ${token}` } });
  }

  async function sentLetterOf(requestId: string) {
    return eventually(async () => {
      const { items } = (await (await call(`/letters?requestId=${requestId}`)).json()) as { items: { letterId: string; status: string }[] };
      if (items[0]?.status !== 'SENT') throw new Error(`letter ${items[0]?.status ?? 'missing'}`);
      return items[0];
    }, { timeoutMs: 30_000 });
  }

  async function pdfText(letterId: string): Promise<string> {
    const response = await call(`/letters/${letterId}/pdf`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toContain('application/pdf');
    return (await readPdf(Buffer.from(await response.arrayBuffer()))).text;
  }

  it('sends one letter for an approval, to the DBA address, into the print-and-mail outbox, and announces it', async () => {
    const approved = processed();
    await probe.publish(Topics.LinkRequestProcessed, approved.pidsl, approved);
    const letter = await sentLetterOf(approved.requestId);
    const text = await pdfText(letter.letterId);
    for (const expected of ['Harbor Family Medicine', '12 WATER ST', 'SUITE 4', 'BOSTON MA 02109', 'Ana', 'Souza', '1234567893', `${GROUP}A`]) {
      expect([expected, text.toUpperCase().includes(expected.toUpperCase())]).toEqual([expected, true]);
    }
    expect(await readdir(outbox)).toEqual(expect.arrayContaining([`${letter.letterId}.pdf`, `${letter.letterId}.manifest.jsonl`]));
    const manifest = JSON.parse(await readFile(join(outbox, `${letter.letterId}.manifest.jsonl`), 'utf8'));
    expect(manifest).toMatchObject({ name: 'Harbor Family Medicine', address: ['12 WATER ST', 'SUITE 4', 'BOSTON MA 02109'] });
    const sent = await eventually(async () => {
      const found = (await probe.messages(Topics.LetterSent)).find((m) => m.value['letterId'] === letter.letterId);
      if (!found) throw new Error('letter.sent.v1 not published yet');
      return found;
    });
    expect(sent.key).toBe(`${GROUP}A`);
    expect(sent.value).toMatchObject({ requestId: approved.requestId, channel: 'PRINT_MAIL', kind: 'link-approved' });
  });

  it('writes the reason into a denial letter', async () => {
    const denied = processed({ decision: 'DENIED', reason: 'The practitioner is not enrolled with MassHealth' });
    await probe.publish(Topics.LinkRequestProcessed, denied.pidsl, denied);
    const letter = await sentLetterOf(denied.requestId);
    expect(await pdfText(letter.letterId)).toContain('not enrolled with MassHealth');
  });

  it('makes exactly one letter when the same request is announced twice', async () => {
    const twice = processed();
    await probe.publish(Topics.LinkRequestProcessed, twice.pidsl, twice);
    await probe.publish(Topics.LinkRequestProcessed, twice.pidsl, twice);
    await sentLetterOf(twice.requestId);
    const marker = processed();
    await probe.publish(Topics.LinkRequestProcessed, marker.pidsl, marker);
    await sentLetterOf(marker.requestId);
    const [{ n }] = await service.app.get(DataSource).query('SELECT count(*)::int AS n FROM notification.letters WHERE request_id = $1', [twice.requestId]);
    expect(n).toBe(1);
  });

  it('shows a letter exactly to those who may see its request: users granted its location, and the back office', async () => {
    const mine = processed();
    await probe.publish(Topics.LinkRequestProcessed, mine.pidsl, mine);
    const letter = await sentLetterOf(mine.requestId);
    const listed = async (token: string, query: string) =>
      ((await (await call(`/letters?${query}`, token)).json()) as { items: { letterId: string }[] }).items.map((l) => l.letterId);
    const stranger = await tokenFor(providerUser('110000042A'));
    expect((await call(`/letters/${letter.letterId}/pdf`, stranger)).status).toBe(404);
    const otherLocation = await tokenFor(providerUser(`${GROUP}B`));
    expect((await call(`/letters/${letter.letterId}/pdf`, otherLocation)).status).toBe(404);
    expect(await listed(otherLocation, `requestId=${mine.requestId}`)).toEqual([]);
    expect(await listed(otherLocation, `groupId=${GROUP}`)).not.toContain(letter.letterId);
    const own = await tokenFor(providerUser(`${GROUP}A`));
    expect(await listed(own, `groupId=${GROUP}`)).toContain(letter.letterId);
    expect((await call(`/letters/${letter.letterId}/pdf`, own)).status).toBe(200);
    expect((await call(`/letters/${letter.letterId}/resend`, own, 'POST')).status).toBe(403);
    expect((await call(`/letters/${letter.letterId}/resend`, backOffice, 'POST')).status).toBe(202);
    await sentLetterOf(mine.requestId);
  });

  it('audits each resend: who asked, when, and what state the letter was in', async () => {
    const request = processed();
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    const letter = await sentLetterOf(request.requestId);
    expect((await call(`/letters/${letter.letterId}/resend`, backOffice, 'POST')).status).toBe(202);
    await sentLetterOf(request.requestId);
    const audit = (await (await call(`/letters/${letter.letterId}/resends`)).json()) as { total: number; items: { requestedBy: string; previousStatus: string }[] };
    expect(audit).toMatchObject({ total: 1, items: [{ requestedBy: backOfficeUser().sub, previousStatus: 'SENT' }] });
    const own = await tokenFor(providerUser(`${GROUP}A`));
    expect((await call(`/letters/${letter.letterId}/resends`, own)).status).toBe(403);
  });

  it('refuses to resend a letter that is still being rendered or delivered', async () => {
    const request = processed();
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    const letter = await sentLetterOf(request.requestId);
    // Put it back on its way, as though delivery were still running.
    await service.app.get(DataSource).query(`UPDATE notification.letters SET status = 'RENDERED' WHERE letter_id = $1`, [letter.letterId]);
    const response = await call(`/letters/${letter.letterId}/resend`, backOffice, 'POST');
    expect(response.status).toBe(409);
    expect(((await response.json()) as { message: string }).message).toContain('only a SENT or FAILED letter can be resent');
    // Back as it was, so no letter is left in flight for the tests after this one.
    await service.app.get(DataSource).query(`UPDATE notification.letters SET status = 'SENT' WHERE letter_id = $1`, [letter.letterId]);
  });

  it('reports letters by status on /metrics, as PostgreSQL counts them', async () => {
    const request = processed();
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    await sentLetterOf(request.requestId);
    const counts: { status: string; n: number }[] = await service.app
      .get(DataSource)
      .query('SELECT status, count(*)::int AS n FROM notification.letters GROUP BY status');
    const metrics = await (await fetch(`${service.baseUrl}/metrics`)).text();
    for (const status of ['PENDING', 'RENDERED', 'SENT', 'FAILED']) {
      const line = metrics.split('\n').find((l) => l.startsWith('rosterlink_letters{') && l.includes(`status="${status}"`));
      expect([status, Number(line?.split(' ').pop())]).toEqual([status, counts.find((c) => c.status === status)?.n ?? 0]);
    }
    expect(metrics).toMatch(/^rosterlink_team_alert_emails\{[^}]*status="FAILED"[^}]*\} 0$/m);
  });

  it('filters letters by status, and refuses an unknown one', async () => {
    const request = processed();
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    const letter = await sentLetterOf(request.requestId);
    await service.app.get(DataSource).query(`UPDATE notification.letters SET status = 'FAILED', last_error = 'mail house unreachable' WHERE letter_id = $1`, [letter.letterId]);
    const failed = (await (await call('/letters?status=FAILED')).json()) as { total: number; items: { letterId: string; status: string; error: string }[] };
    expect(failed.items.map((l) => l.status)).toEqual(failed.items.map(() => 'FAILED'));
    expect(failed.items).toEqual(expect.arrayContaining([expect.objectContaining({ letterId: letter.letterId, error: 'mail house unreachable' })]));
    const sent = (await (await call('/letters?status=SENT&limit=1000')).json()) as { items: { letterId: string; status: string }[] };
    expect(sent.items.length).toBeGreaterThan(0);
    expect(sent.items.some((l) => l.letterId === letter.letterId || l.status !== 'SENT')).toBe(false);
    expect((await call('/letters?status=LOST')).status).toBe(400);
  });
});
