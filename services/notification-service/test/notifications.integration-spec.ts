import { randomUUID } from 'node:crypto';
import { RosterImportCompletedV1, Topics } from '@rosterlink/contracts';
import {
  backOfficeUser,
  eventually,
  KafkaProbe,
  linkRequestProcessed,
  providerUser,
  RunningService,
  startService,
  testStack,
  tokenFor,
} from '@rosterlink/testing';
import { NOTIFICATION_SERVICE } from '../src/app.module';

interface NotificationList {
  total: number;
  unreadCount: number;
  items: { notificationId: string; title: string; body: string; subject: string; read: boolean }[];
}

function completed(groupId: string, overrides: Partial<RosterImportCompletedV1> = {}): RosterImportCompletedV1 {
  return {
    caseNumber: `RI-2026-${String(Math.floor(Math.random() * 900_000) + 100_000)}`,
    uploadId: randomUUID(),
    groupId,
    importType: 'ADD_UPDATE',
    status: 'COMPLETED',
    counts: { rows: 12, created: 10, updated: 2, terminated: 0, errors: 0 },
    completedAt: new Date().toISOString(),
    ...overrides,
  };
}

describe('notification-service: notifications', () => {
  let service: RunningService;
  let probe: KafkaProbe;

  beforeAll(async () => {
    service = await startService(NOTIFICATION_SERVICE, { LETTER_STORE_DIR: `${testStack().fileStoreDir}/letters-n` });
    probe = new KafkaProbe();
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  async function notificationsOf(token: string): Promise<NotificationList> {
    const response = await fetch(`${service.baseUrl}/notifications`, { headers: { authorization: `Bearer ${token}` } });
    expect(response.status).toBe(200);
    return (await response.json()) as NotificationList;
  }

  it('tells a group its roster was processed, or has errors, and tells no other group', async () => {
    const done = completed('110000051');
    const rejected = completed('110000051', { status: 'REJECTED', counts: { rows: 9, created: 0, updated: 0, terminated: 0, errors: 4 } });
    const eventId = await probe.publish(Topics.RosterImportCompleted, '110000051', done);
    await probe.publish(Topics.RosterImportCompleted, '110000051', done, eventId);
    await probe.publish(Topics.RosterImportCompleted, '110000051', rejected);
    const manager = await tokenFor(providerUser('110000051A'));
    const mine = await eventually(async () => {
      const list = await notificationsOf(manager);
      if (list.total < 2) throw new Error('not yet');
      return list;
    });
    expect(mine.total).toBe(2);
    expect(mine.unreadCount).toBe(2);
    expect(mine.items.map((n) => n.body)).toEqual(
      expect.arrayContaining([
        'Roster processed: 10 practitioners added, 2 updated.',
        expect.stringContaining(`Roster has 4 errors — open case ${rejected.caseNumber}`),
      ]),
    );
    expect((await notificationsOf(await tokenFor(providerUser('110000052A')))).total).toBe(0);

    const read = await fetch(`${service.baseUrl}/notifications/${mine.items[0].notificationId}/read`, {
      method: 'POST',
      headers: { authorization: `Bearer ${manager}` },
    });
    expect(read.status).toBe(204);
    expect((await notificationsOf(manager)).unreadCount).toBe(1);
  });

  it('tells a group MassHealth decided its link request, once however often the decision is delivered', async () => {
    const decided = linkRequestProcessed({
      requestId: randomUUID(),
      pidsl: '110000053A',
      groupId: '110000053',
      decision: 'DENIED',
      reason: 'The provider is not enrolled at this location.',
    });
    const eventId = await probe.publish(Topics.LinkRequestProcessed, decided.pidsl, decided);
    await probe.publish(Topics.LinkRequestProcessed, decided.pidsl, decided, eventId);
    const manager = await tokenFor(providerUser('110000053A'));
    const notice = await eventually(async () => {
      const found = (await notificationsOf(manager)).items.filter((n) => n.subject === decided.requestId);
      if (found.length === 0) throw new Error('not yet');
      return found;
    });
    expect(notice).toEqual([
      expect.objectContaining({
        title: 'Link request denied: Ana Souza',
        body: expect.stringContaining('Reason: The provider is not enrolled at this location.'),
      }),
    ]);
    expect((await notificationsOf(await tokenFor(providerUser('110000052A')))).items.some((n) => n.subject === decided.requestId)).toBe(false);
  });

  it('alerts the back office to SLA warnings and breaches', async () => {
    const requestId = randomUUID();
    await probe.publish(Topics.LinkRequestSlaBreached, '110000051A', { requestId, pidsl: '110000051A', dueDate: '2026-12-09', detectedAt: new Date().toISOString() });
    const backOffice = await tokenFor(backOfficeUser());
    const alerts = await eventually(async () => {
      const list = await notificationsOf(backOffice);
      const found = list.items.find((n) => n.subject === requestId);
      if (!found) throw new Error('not yet');
      return found;
    });
    expect(alerts.title).toContain('overdue');
  });
});
