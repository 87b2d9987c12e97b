import { DataSource } from 'typeorm';
import { RosterUploadedV1, Topics } from '@rosterlink/contracts';
import { OutboxPublisher } from '@rosterlink/messaging';
import { eventually, KafkaProbe, RunningService, startService } from '@rosterlink/testing';
import { UPLOAD_SERVICE } from '../src/app.module';

const GROUP = '110000064';
const EVENTS = 40;

/**
 * A backlog longer than one relay transaction (batches of 3, four batches a transaction): the
 * relay reads the next batch and marks the last one while it sends, so this checks that the
 * events still reach Kafka in commit order, each once, and are all marked published.
 */
describe('upload-service: the outbox relay works through a backlog in pipelined batches', () => {
  let service: RunningService;
  const probe = new KafkaProbe();

  beforeAll(async () => {
    service = await startService(UPLOAD_SERVICE, { OUTBOX_BATCH_SIZE: '3' });
  });

  afterAll(async () => {
    await probe.close();
    await service.stop();
  });

  it('publishes every event once, in commit order', async () => {
    const payloads: RosterUploadedV1[] = Array.from({ length: EVENTS }, (_, i) => ({
      uploadId: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`,
      groupId: GROUP,
      importType: 'ADD_UPDATE',
      fileFormat: 'CSV',
      fileName: `roster-${i}.csv`,
      sizeBytes: 100,
      sha256: 'a'.repeat(64),
      storageKey: `uploads/${i}`,
      uploadedBy: 'user-1',
      uploadedAt: '2026-11-30T12:00:00Z',
    }));
    const dataSource = service.app.get(DataSource);
    await dataSource.transaction((tx) => service.app.get(OutboxPublisher).publishMany(tx, Topics.RosterUploaded, payloads));

    const expected = payloads.map((p) => p.uploadId);
    await eventually(async () => {
      const seen = (await probe.messages(Topics.RosterUploaded)).filter((m) => m.key === GROUP).map((m) => m.value['uploadId']);
      if (seen.length < EVENTS) throw new Error(`${seen.length} of ${EVENTS} published`);
      expect(seen).toEqual(expected);
    });
    // Marked when their relay transaction commits, just after the last send.
    await eventually(async () => {
      const [{ pending }] = await dataSource.query(`SELECT count(*)::int AS pending FROM roster_upload.outbox WHERE published_at IS NULL`);
      expect(pending).toBe(0);
    });
  });
});
