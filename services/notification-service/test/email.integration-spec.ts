import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { LinkRequestProcessedV1, LinkRequestSlaBreachedV1, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  KafkaProbe,
  linkRequestProcessed,
  LoopbackMailbox,
  readPdf,
  RunningService,
  startService,
  testStack,
  tokenFor,
} from '@rosterlink/testing';
import { NOTIFICATION_SERVICE } from '../src/app.module';
import { DeliveryRecovery } from '../src/queues/delivery-recovery';

const GROUP = '110000043';
const GROUP_MAILBOX = 'enrollment@harbor-family.example';
const TEAM_MAILBOX = 'enrollment-team@agency.example';

function processed(overrides: Partial<LinkRequestProcessedV1> = {}): LinkRequestProcessedV1 {
  const base = linkRequestProcessed();
  return linkRequestProcessed({
    requestId: randomUUID(),
    pidsl: `${GROUP}A`,
    groupId: GROUP,
    recipient: { ...base.recipient, email: GROUP_MAILBOX },
    ...overrides,
  });
}

describe('notification-service: e-mail by SMTP', () => {
  let mailbox: LoopbackMailbox;
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;

  beforeAll(async () => {
    mailbox = await LoopbackMailbox.onFreePort();
    await mailbox.start();
    service = await startService(NOTIFICATION_SERVICE, {
      LETTER_STORE_DIR: `${testStack().fileStoreDir}/letters-email`,
      LETTER_MAIL_OUTBOX_DIR: `${testStack().fileStoreDir}/mail-house-outbox-email`,
      SMTP_URL: mailbox.url,
      SLA_BREACH_TEAM_EMAIL: TEAM_MAILBOX,
      // Three attempts, 1 s then 2 s apart: a letter is FAILED about 3 s after the mail server went away.
      DELIVERY_ATTEMPTS: '3',
      DELIVERY_BACKOFF_MS: '1000',
    });
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
    await mailbox?.stop();
  });

  async function letterOf(requestId: string): Promise<{ letterId: string; status: string; channel: string; error: string | null }> {
    const response = await fetch(`${service.baseUrl}/letters?requestId=${requestId}`, { headers: { authorization: `Bearer ${backOffice}` } });
    const { items } = (await response.json()) as { items: { letterId: string; status: string; channel: string; error: string | null }[] };
    if (!items[0]) throw new Error('letter not created yet');
    return items[0];
  }

  async function letterIn(status: 'SENT' | 'FAILED', requestId: string) {
    return eventually(async () => {
      const letter = await letterOf(requestId);
      if (letter.status !== status) throw new Error(`letter ${letter.status}`);
      return letter;
    }, { timeoutMs: 60_000 });
  }

  /** Sends a letter while the mail server is down, and waits until its last attempt failed. */
  async function letterFailedWhileMailServerDown() {
    await mailbox.stop();
    const request = processed();
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    return { request, failed: await letterIn('FAILED', request.requestId) };
  }

  it('e-mails the letter as a PDF attachment to the address on file', async () => {
    const approved = processed();
    await probe.publish(Topics.LinkRequestProcessed, approved.pidsl, approved);
    const letter = await letterIn('SENT', approved.requestId);
    expect(letter.channel).toBe('EMAIL');
    const [mail, ...others] = mailbox.lettersTo(GROUP_MAILBOX, letter.letterId);
    expect(others).toHaveLength(0);
    expect(mail.subject).toContain(`${GROUP}A`);
    const [attachment] = mail.attachments;
    expect(attachment.contentType).toBe('application/pdf');
    const text = (await readPdf(attachment.content)).text.toUpperCase();
    for (const expected of ['HARBOR FAMILY MEDICINE', '12 WATER ST', 'BOSTON MA 02109', 'SOUZA', '1234567893', 'APPROVED']) {
      expect([expected, text.includes(expected)]).toEqual([expected, true]);
    }
    const sent = await eventually(async () => {
      const found = (await probe.messages(Topics.LetterSent)).find((m) => m.value['letterId'] === letter.letterId);
      if (!found) throw new Error('letter.sent.v1 not published yet');
      return found;
    });
    expect(sent.value).toMatchObject({ channel: 'EMAIL', requestId: approved.requestId });
  });

  it('still sends a letter to print and mail when the group has no e-mail on file', async () => {
    const { email: _none, ...postalOnly } = processed().recipient;
    const request = processed({ recipient: postalOnly });
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    expect((await letterIn('SENT', request.requestId)).channel).toBe('PRINT_MAIL');
  });

  it('retries while the mail server is down, then delivers exactly once when it is back', async () => {
    await mailbox.stop();
    const request = processed({ decision: 'DENIED', reason: 'The practitioner is not enrolled with MassHealth' });
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    // The first attempts fail (connection refused): the letter is still on its way and shows why.
    const failing = await eventually(async () => {
      const letter = await letterOf(request.requestId);
      if (!/ECONNREFUSED|connect/i.test(letter.error ?? '')) throw new Error(`no failed delivery attempt yet (${letter.status})`);
      return letter;
    }, { timeoutMs: 60_000 });
    expect(failing.status).toBe('RENDERED');
    expect(failing.error).toMatch(/ECONNREFUSED|connect/i);

    await mailbox.start();
    const letter = await letterIn('SENT', request.requestId);
    expect(letter).toMatchObject({ channel: 'EMAIL', error: null });
    expect(mailbox.lettersTo(GROUP_MAILBOX, letter.letterId)).toHaveLength(1);
  });

  it('marks a letter FAILED after its last attempt, and delivers it once when back office resends it', async () => {
    const { request, failed } = await letterFailedWhileMailServerDown();
    expect(failed.error).toMatch(/ECONNREFUSED|connect/i);

    await mailbox.start();
    const resend = await fetch(`${service.baseUrl}/letters/${failed.letterId}/resend`, { method: 'POST', headers: { authorization: `Bearer ${backOffice}` } });
    expect(resend.status).toBe(202);
    const sent = await letterIn('SENT', request.requestId);
    expect(sent).toMatchObject({ letterId: failed.letterId, channel: 'EMAIL', error: null });
    expect(mailbox.lettersTo(GROUP_MAILBOX, failed.letterId)).toHaveLength(1);
    const audit = await (await fetch(`${service.baseUrl}/letters/${failed.letterId}/resends`, { headers: { authorization: `Bearer ${backOffice}` } })).json();
    expect(audit).toMatchObject({ total: 1, items: [{ previousStatus: 'FAILED', previousError: failed.error }] });
  });

  it('runs a spent delivery again when the letter never got its FAILED status (the database was away)', async () => {
    const { request, failed } = await letterFailedWhileMailServerDown();
    // As if the status update after the last attempt had not reached PostgreSQL.
    await service.app.get(DataSource).query(`UPDATE notification.letters SET status = 'RENDERED' WHERE letter_id = $1`, [failed.letterId]);
    await mailbox.start();
    await service.app.get(DeliveryRecovery).sweep();
    expect(await letterIn('SENT', request.requestId)).toMatchObject({ letterId: failed.letterId, channel: 'EMAIL' });
    expect(mailbox.lettersTo(GROUP_MAILBOX, failed.letterId)).toHaveLength(1);
  });

  it('e-mails the team address once per SLA breach, however often the event arrives', async () => {
    const breach: LinkRequestSlaBreachedV1 = { requestId: randomUUID(), pidsl: `${GROUP}B`, dueDate: '2026-12-09', detectedAt: new Date().toISOString() };
    const eventId = await probe.publish(Topics.LinkRequestSlaBreached, breach.pidsl, breach);
    await probe.publish(Topics.LinkRequestSlaBreached, breach.pidsl, breach, eventId);
    const mail = await eventually(async () => {
      const found = mailbox.to(TEAM_MAILBOX).find((m) => m.text?.includes(`${GROUP}B`));
      if (!found) throw new Error('no breach e-mail yet');
      return found;
    }, { timeoutMs: 60_000 });
    expect(mail.subject).toContain('2026-12-09');
    // A later breach as a marker: once its e-mail is in, the replay has had its chance to send a second.
    const marker: LinkRequestSlaBreachedV1 = { ...breach, requestId: randomUUID(), pidsl: `${GROUP}C` };
    await probe.publish(Topics.LinkRequestSlaBreached, marker.pidsl, marker);
    await eventually(async () => {
      if (!mailbox.to(TEAM_MAILBOX).some((m) => m.text?.includes(`${GROUP}C`))) throw new Error('no marker e-mail yet');
    }, { timeoutMs: 60_000 });
    expect(mailbox.to(TEAM_MAILBOX).filter((m) => m.text?.includes(`${GROUP}B`))).toHaveLength(1);
  });
});
