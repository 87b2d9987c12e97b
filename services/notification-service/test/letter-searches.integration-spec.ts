import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { businessDateOf, LinkRequestProcessedV1, Topics } from '@rosterlink/contracts';
import { backOfficeUser, eventually, KafkaProbe, linkRequestProcessed, providerUser, RunningService, startService, testStack, tokenFor, validNpi } from '@rosterlink/testing';
import { NOTIFICATION_SERVICE } from '../src/app.module';

// A group of its own: other specs' letters never count here.
const GROUP = '110000063';

function processed(overrides: Partial<LinkRequestProcessedV1> = {}): LinkRequestProcessedV1 {
  return linkRequestProcessed({ requestId: randomUUID(), pidsl: `${GROUP}A`, groupId: GROUP, ...overrides });
}

describe('notification-service: searching letters and counting them', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;

  beforeAll(async () => {
    service = await startService(NOTIFICATION_SERVICE, {
      LETTER_STORE_DIR: join(testStack().fileStoreDir, 'letters'),
      LETTER_MAIL_OUTBOX_DIR: join(testStack().fileStoreDir, 'mail-house-outbox'),
    });
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function call(path: string, token = backOffice): Promise<{ status: number; body: any }> {
    const response = await fetch(`${service.baseUrl}${path}`, { headers: { authorization: `Bearer ${token}` } });
    return { status: response.status, body: await response.json() };
  }

  async function letterOf(request: LinkRequestProcessedV1) {
    await probe.publish(Topics.LinkRequestProcessed, request.pidsl, request);
    return eventually(async () => {
      const { body } = await call(`/letters?requestId=${request.requestId}`);
      if (!body.items[0]) throw new Error('no letter yet');
      return body.items[0];
    });
  }

  it('finds letters by recipient name, letter or request id and practitioner, sorted, with the total of every match', async () => {
    const marker = randomUUID().slice(0, 8);
    const recipient = (name: string) => ({ ...linkRequestProcessed().recipient, name });
    const first = processed({ recipient: recipient(`Harbor ${marker} Medicine`), provider: { providerId: '210000971', npi: validNpi(971), firstName: 'Ana', lastName: 'Souza' } });
    const second = processed({ recipient: recipient(`harbor ${marker.toUpperCase()} dental`), provider: { providerId: '210000972', npi: validNpi(972), firstName: 'Bo', lastName: 'Lima' } });
    const firstLetter = await letterOf(first);
    const secondLetter = await letterOf(second);
    expect(secondLetter).toMatchObject({ npi: validNpi(972), providerName: 'Lima, Bo' });

    const byName = (await call(`/letters?q=${encodeURIComponent(`HARBOR ${marker}`)}&limit=1`)).body;
    expect(byName.total).toBe(2);
    expect(byName.items.map((l: any) => l.letterId)).toEqual([secondLetter.letterId]);
    const oldestFirst = (await call(`/letters?q=${marker}&sort=createdAt`)).body;
    expect(oldestFirst.items.map((l: any) => l.letterId)).toEqual([firstLetter.letterId, secondLetter.letterId]);
    expect((await call(`/letters?q=${marker}&sort=status`)).body.total).toBe(2);

    expect((await call(`/letters?q=${firstLetter.letterId}`)).body.items.map((l: any) => l.letterId)).toEqual([firstLetter.letterId]);
    expect((await call(`/letters?q=${second.requestId.toUpperCase()}`)).body.items.map((l: any) => l.letterId)).toEqual([secondLetter.letterId]);
    expect((await call(`/letters?npi=${validNpi(971)}`)).body.items.map((l: any) => l.letterId)).toEqual([firstLetter.letterId]);

    const today = businessDateOf(new Date());
    expect((await call(`/letters?q=${marker}&createdFrom=${today}&createdTo=${today}`)).body.total).toBe(2);
    expect((await call(`/letters?q=${marker}&createdTo=2020-01-01`)).body.total).toBe(0);
    // A provider user of another location sees none of them.
    expect((await call(`/letters?npi=${validNpi(971)}`, await tokenFor(providerUser('110000064A')))).body.total).toBe(0);
  });

  it('counts every letter by status for the back office only', async () => {
    const summary = await call('/letters/summary');
    expect(summary.status).toBe(200);
    expect(Object.keys(summary.body.byStatus).sort()).toEqual(['FAILED', 'PENDING', 'RENDERED', 'SENT']);
    expect(summary.body.total).toBe(Object.values<number>(summary.body.byStatus).reduce((a, b) => a + b, 0));
    expect(summary.body.total).toBeGreaterThanOrEqual(2);
    expect((await call('/letters/summary', await tokenFor(providerUser(`${GROUP}A`)))).status).toBe(403);
  });

  it('answers 400 naming the field for a bad parameter, never 500', async () => {
    for (const [query, field] of [
      ['npi=12345', 'npi'],
      ['createdFrom=2026-13-01', 'createdFrom'],
      ['createdFrom=2026-12-02&createdTo=2026-12-01', 'createdFrom'],
      ['sort=-status', 'sort'],
      [`q=${'x'.repeat(101)}`, 'q'],
      ['q=a%00b', 'q'],
    ]) {
      const { status, body } = await call(`/letters?${query}`);
      expect([query, status, JSON.stringify(body).includes(field)]).toEqual([query, 400, true]);
    }
  });
});
