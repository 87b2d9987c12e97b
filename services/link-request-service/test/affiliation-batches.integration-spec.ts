import { randomUUID } from 'node:crypto';
import { DataSource } from 'typeorm';
import { deadLetterTopicOf, IndividualUpsertedV1, PractitionerAffiliatedV1, Topics } from '@rosterlink/contracts';
import { eventually, groupPractice, individualProvider, KafkaProbe, practitionerAffiliated, RunningService, startService, validNpi } from '@rosterlink/testing';
import { LINK_REQUEST_SERVICE } from '../src/app.module';
import { RecordPractitionerAffiliation } from '../src/record-affiliation/record-affiliation.handler';

const GROUP = '110000061';
const TWIN_GROUP = '110000062';
const PRACTITIONERS: IndividualUpsertedV1[] = Array.from({ length: 40 }, (_, i) =>
  individualProvider({ pid: String(210006100 + i), npi: validNpi(6100 + i), lastName: `Batchley${i}` }),
);

/**
 * A roster's life in one stream: additions, corrections, moves between locations, terminations and
 * re-additions, several for the same practitioner, in the order a group's partition carries them.
 */
function rosterStory(groupId: string): PractitionerAffiliatedV1[] {
  const events: PractitionerAffiliatedV1[] = [];
  let second = 0;
  const at = () => new Date(Date.UTC(2026, 10, 1, 12, 0, second++)).toISOString();
  const state = (who: IndividualUpsertedV1, sl: string, change: PractitionerAffiliatedV1['change'], effectiveDate: string, endDate?: string) =>
    events.push(
      practitionerAffiliated(who, {
        groupId,
        serviceLocation: sl,
        change,
        effectiveDate,
        endDate,
        caseNumber: `RI-2026-0061${String(second % 100).padStart(2, '0')}`,
        affiliatedAt: at(),
      }),
    );
  PRACTITIONERS.forEach((who) => state(who, 'A', 'ADDED', '2026-01-05'));
  PRACTITIONERS.forEach((who, i) => {
    if (i % 4 === 0) state(who, 'A', 'UPDATED', '2026-01-12'); // a corrected effective date
    if (i % 4 === 1) state(who, 'B', 'UPDATED', '2026-03-02'); // moved to another location
    if (i % 4 === 2) state(who, 'A', 'TERMINATED', '2026-01-05', '2026-02-27');
  });
  PRACTITIONERS.forEach((who, i) => {
    if (i % 4 === 2 && i % 8 === 2) state(who, 'A', 'ADDED', '2026-06-01'); // back after a termination
    if (i % 4 === 1) state(who, 'A', 'UPDATED', '2026-07-01'); // and back to the first location
  });
  return events;
}

/** The servicing links of a group, comparable across groups. */
async function linksOf(db: DataSource, groupId: string): Promise<string[]> {
  const rows: { service_location: string; npi: string; effective_date: string; end_date: string | null }[] = await db.query(
    `SELECT service_location, npi, effective_date::text, end_date::text FROM link_request.servicing_links
     WHERE group_id = $1 ORDER BY npi, service_location, effective_date`,
    [groupId],
  );
  return rows.map((r) => `${r.npi} ${r.service_location} ${r.effective_date}..${r.end_date ?? ''}`);
}

describe('link-request-service: practitioner.affiliated.v1 consumed in batches', () => {
  let service: RunningService | undefined;
  const probe = new KafkaProbe();

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  it('applies a whole roster story in batches exactly as event by event, and dead-letters a poison message, a malformed one and one with a NUL character alone', async () => {
    // Everything is on the topic before the service starts, so it arrives in large batches.
    await probe.publish(Topics.ProviderMasterUpserted, GROUP, groupPractice({ pid: GROUP, serviceLocations: [{ sl: 'A' }, { sl: 'B' }] }));
    await probe.publish(Topics.ProviderMasterUpserted, TWIN_GROUP, groupPractice({ pid: TWIN_GROUP, serviceLocations: [{ sl: 'A' }, { sl: 'B' }] }));
    for (const who of PRACTITIONERS) await probe.publish(Topics.ProviderMasterUpserted, who.pid, who);
    const story = rosterStory(GROUP);
    const poisonId = randomUUID();
    const malformedId = randomUUID();
    const nulId = randomUUID();
    const middle = Math.floor(story.length / 2);
    const eventIds: string[] = [];
    for (const [index, event] of story.entries()) {
      eventIds.push(await probe.publish(Topics.PractitionerAffiliated, GROUP, event));
      // A termination without an end date passes the contract's checks but not the handler's.
      if (index === middle) {
        const poison: PractitionerAffiliatedV1 = { ...event, change: 'TERMINATED', status: 'TERMINATED', endDate: undefined };
        await probe.publish(Topics.PractitionerAffiliated, GROUP, poison, poisonId);
      }
      // One that fails the contract, in a later chunk: refused while the chunk before it is handled.
      if (index === middle + 20) await probe.publish(Topics.PractitionerAffiliated, GROUP, { ...event, npi: 'not-an-npi' }, malformedId);
      // A NUL character, which PostgreSQL cannot store: refused when decoded, not retried.
      if (index === middle + 30) await probe.publish(Topics.PractitionerAffiliated, GROUP, { ...event, lastName: 'Nul\u0000' }, nulId);
    }
    // Chunks of 16: each fetched batch is handled in several transactions, the next chunk decoded ahead.
    service = await startService(LINK_REQUEST_SERVICE, { CONSUMER_BATCH_SIZE: '16', EVENT_HANDLER_MAX_ATTEMPTS: '2' });
    const db = service.app.get(DataSource);
    await eventually(
      async () => {
        const [{ n }] = await db.query(`SELECT count(*)::int AS n FROM link_request.inbox WHERE event_id = ANY($1::uuid[])`, [eventIds]);
        if (n < story.length) throw new Error(`${n} of ${story.length} affiliations handled`);
      },
      { timeoutMs: 60_000 },
    );

    // The same story, one event at a time, for a twin group: the links must be the same.
    const handler = service.app.get(RecordPractitionerAffiliation);
    for (const event of rosterStory(TWIN_GROUP)) await db.transaction((tx) => handler.execute(tx, [event]));
    const batched = await linksOf(db, GROUP);
    expect(batched.length).toBeGreaterThan(PRACTITIONERS.length);
    expect(batched).toEqual(await linksOf(db, TWIN_GROUP));
    // The links a roster adds have ids that grow with time (UUIDv7), appended to the primary key's index.
    const [{ versions }]: { versions: string[] }[] = await db.query(
      `SELECT array_agg(DISTINCT substring(id::text, 15, 1)) AS versions FROM link_request.servicing_links WHERE group_id = ANY($1)`,
      [[GROUP, TWIN_GROUP]],
    );
    expect(versions).toEqual(['7']);

    const dead = await eventually(async () => {
      const found = (await probe.messages(deadLetterTopicOf(Topics.PractitionerAffiliated))).filter((m) => m.key === GROUP);
      if (found.length < 3) throw new Error(`${found.length} dead-lettered yet`);
      return found;
    });
    expect(dead.map((m) => m.headers['ce_id'])).toEqual([poisonId, malformedId, nulId]);
    expect(dead[2].headers).toMatchObject({ dlq_reason: 'value contains a NUL character', dlq_attempts: '0' });
  });
});
