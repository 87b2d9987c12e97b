import { Topics } from '@rosterlink/contracts';
import { eventually, groupPractice, KafkaProbe, providerUser, rosterCsv, rosterRow, RunningService, startService, tokenFor } from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

const GROUP = '110000063';

/**
 * The outbox relay is woken by the commit itself (LISTEN/NOTIFY): with its poll set to an hour,
 * an accepted upload still reaches Kafka, and so does one committed after the listener's
 * database connection was cut.
 */
describe('upload-service: the outbox relay wakes on commit', () => {
  let service: RunningService;
  const probe = new KafkaProbe();
  let token: string;

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE, { OUTBOX_POLL_INTERVAL_MS: String(60 * 60 * 1000) });
    token = await tokenFor(providerUser(`${GROUP}A`));
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP }));
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  async function uploadAndAwaitEvent(row: number): Promise<void> {
    const form = new FormData();
    form.append('groupId', GROUP);
    form.append('importType', 'ADD_UPDATE');
    form.append('file', new Blob([rosterCsv([rosterRow(row)])]), 'roster.csv');
    const response = await eventually(async () => {
      const answer = await fetch(`${service.baseUrl}/roster-uploads`, { method: 'POST', headers: { authorization: `Bearer ${token}` }, body: form });
      if (answer.status === 404) throw new Error('group not projected yet');
      return answer;
    });
    expect(response.status).toBe(202);
    const { uploadId } = (await response.json()) as { uploadId: string };
    await eventually(async () => {
      if (!(await probe.messages(Topics.RosterUploaded)).some((m) => m.value['uploadId'] === uploadId)) throw new Error('not published yet');
    });
  }

  it('publishes a committed event without waiting for the poll', async () => {
    await uploadAndAwaitEvent(1);
  });

  it('listens again after its connection is cut', async () => {
    const { DataSource } = await import('typeorm');
    await service.app.get(DataSource).query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = current_database() AND application_name LIKE '%outbox-listener'`,
    );
    await uploadAndAwaitEvent(2);
  });
});
