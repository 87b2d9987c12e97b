import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { Topics } from '@rosterlink/contracts';
import { backOfficeUser, eventually, KafkaProbe, linkRequestProcessed, LoopbackMailbox, ServiceProcess, testStack, tokenFor } from '@rosterlink/testing';

const GROUP = '110000071';
const GROUP_MAILBOX = 'enrollment@harbor-family.example';

interface LetterView {
  letterId: string;
  status: string;
  channel: string | null;
  error: string | null;
}

/**
 * The notification-service killed (SIGKILL) between rendering a letter and sending it: after the
 * restart the letter is delivered, exactly once, and announced once.
 */
describe('letters across a notification-service crash', () => {
  const probe = new KafkaProbe();
  const letters = join(testStack().fileStoreDir, 'e2e-crash-letters');
  let mailbox: LoopbackMailbox;
  let service: ServiceProcess | undefined;
  let backOffice: string;

  const start = () =>
    ServiceProcess.start('notification-service', {
      LETTER_STORE_DIR: letters,
      LETTER_MAIL_OUTBOX_DIR: join(letters, 'outbox'),
      SMTP_URL: mailbox.url,
    });

  beforeAll(async () => {
    mailbox = await LoopbackMailbox.onFreePort();
    backOffice = await tokenFor(backOfficeUser());
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
    await mailbox.stop();
  });

  async function letterOf(requestId: string): Promise<LetterView | undefined> {
    const response = await fetch(`${service!.baseUrl}/letters?requestId=${requestId}`, { headers: { authorization: `Bearer ${backOffice}` } });
    return ((await response.json()) as { items: LetterView[] }).items[0];
  }

  it('delivers a letter that was rendered but not sent when the service died, exactly once', async () => {
    // The mail server is down: the letter renders, then its delivery fails and waits for a retry.
    service = await start();
    const request = linkRequestProcessed({
      requestId: randomUUID(),
      pidsl: `${GROUP}A`,
      groupId: GROUP,
      recipient: { ...linkRequestProcessed().recipient, email: GROUP_MAILBOX },
    });
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    const rendered = await eventually(async () => {
      const letter = await letterOf(request.requestId);
      if (letter?.status !== 'RENDERED' || !letter.error) throw new Error(`letter ${letter?.status ?? 'missing'}, no failed delivery yet`);
      return letter;
    }, { timeoutMs: 60_000 });

    await service.kill();
    await mailbox.start();
    service = await start();

    const sent = await eventually(async () => {
      const letter = await letterOf(request.requestId);
      if (letter?.status !== 'SENT') throw new Error(`letter ${letter?.status ?? 'missing'}`);
      return letter;
    }, { timeoutMs: 90_000 });
    expect(sent).toMatchObject({ letterId: rendered.letterId, channel: 'EMAIL', error: null });
    expect(mailbox.lettersTo(GROUP_MAILBOX, sent.letterId)).toHaveLength(1);
    const announced = await eventually(async () => {
      const found = (await probe.messages(Topics.LetterSent)).filter((m) => m.value['letterId'] === sent.letterId);
      if (found.length === 0) throw new Error('letter.sent.v1 not published yet');
      return found;
    });
    expect(announced).toHaveLength(1);
  });
});
