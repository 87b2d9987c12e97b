import { Readable } from 'node:stream';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource, In } from 'typeorm';
import {
  AffiliationChange,
  businessDateOf,
  ImportType,
  PractitionerAffiliatedV1,
  Topics,
} from '@rosterlink/contracts';
import { createRowValidator, matchRosterHeader, RosterRecord } from '@rosterlink/roster';
import { readRosterRows } from '@rosterlink/roster-file';
import {
  backOfficeUser,
  KafkaProbe,
  rosterCsv,
  rosterRow,
  RunningService,
  startService,
  tokenFor,
  validNpi,
} from '@rosterlink/testing';
import { seedProviderMaster } from './provider-master-fixture';
import { announceRosterUpload, caseOpenedFor, processToEnd } from './roster-upload-fixture';
import { IMPORT_SERVICE } from '../src/app.module';
import { PRACTITIONER_RECORD_FIELDS } from '../src/practitioner/practitioner.columns';
import { Practitioner } from '../src/practitioner/practitioner.entity';
import { affiliationAnnouncement } from '../src/practitioner/practitioner.rules';

const GROUP = '110000031';
const TERMINATION_HEADERS = ['NPI', 'Service Location', 'End Date'];

/**
 * practitioner.affiliated.v1 is built in SQL, one statement for a whole roster (RosterStaging
 * .affiliationEvents). Real imports here — new and existing practitioners, with and without end
 * dates, then a termination — and every payload they record in the outbox must be exactly what the
 * contract class allows (no field missing, none extra, each of its type and format) and equal to
 * what the TypeScript builder (practitioner.rules affiliationAnnouncement) makes of the record.
 * The records themselves must hold every roster detail of their row (the column table's columns).
 */
describe('import-service: practitioner.affiliated.v1 payloads built in SQL', () => {
  let service: RunningService;
  let probe: KafkaProbe;
  let backOffice: string;

  beforeAll(async () => {
    service = await startService(IMPORT_SERVICE);
    probe = new KafkaProbe();
    backOffice = await tokenFor(backOfficeUser());
    // Practitioner 302 is credentialed in the provider master: SUBMITTED, not WAITING_FOR_CAQH.
    await seedProviderMaster(probe, db, GROUP, { pid: '210000931', npi: validNpi(302) });
  });

  afterAll(async () => {
    await probe.close();
    await service?.stop();
  });

  function db(): DataSource {
    return service.app.get(DataSource);
  }

  interface CaseBody {
    caseNumber: string;
    status: string;
    counts: Record<string, number>;
  }

  interface ImportedCase extends CaseBody {
    /** The last outbox row before the import: the import's events come after it. */
    outboxBefore: number;
  }

  /** Stores the file as upload-service would, announces it, processes its case; resolves with the final case. */
  async function importRoster(csv: string, importType: ImportType): Promise<ImportedCase> {
    const { upload } = await announceRosterUpload(probe, csv, { groupId: GROUP, importType });
    const { caseNumber } = await caseOpenedFor<CaseBody>(service, backOffice, upload.uploadId);
    const [{ outboxBefore }] = await db().query('SELECT coalesce(max(seq), 0)::int AS "outboxBefore" FROM roster_import.outbox');
    return { ...(await processToEnd<CaseBody>(service, backOffice, caseNumber)), outboxBefore };
  }


  /** The import's practitioner.affiliated.v1 events as recorded in the outbox (whatever their payload says), in publishing order. */
  async function recordedAffiliations(imported: ImportedCase): Promise<{ key: string; payload: Record<string, unknown> }[]> {
    return db().query(
      'SELECT message_key AS key, payload FROM roster_import.outbox WHERE topic = $1 AND seq > $2 ORDER BY seq',
      [Topics.PractitionerAffiliated, imported.outboxBefore],
    );
  }

  async function recordsOf(npis: string[]): Promise<Map<string, Practitioner>> {
    const found = await db().getRepository(Practitioner).findBy({ groupId: GROUP, npi: In(npis) });
    return new Map(found.map((p) => [p.npi, p]));
  }

  function recordOf(records: Map<string, Practitioner>, npi: string): Practitioner {
    const found = records.get(npi);
    if (!found) throw new Error(`no practitioner ${npi} in group ${GROUP}`);
    return found;
  }

  /**
   * Every recorded payload passes the contract class strictly, and equals the TypeScript builder's
   * payload for the practitioner record after the import, in row order, keyed by the group.
   */
  async function expectAnnounced(imported: ImportedCase, changes: [npi: string, change: AffiliationChange][]): Promise<void> {
    const { caseNumber } = imported;
    const recorded = await recordedAffiliations(imported);
    for (const { payload } of recorded) {
      const problems = await validate(plainToInstance(PractitionerAffiliatedV1, payload), { whitelist: true, forbidNonWhitelisted: true });
      expect([payload, problems.map((p) => p.toString())]).toEqual([payload, []]);
    }
    expect(recorded.map((e) => e.key)).toEqual(changes.map(() => GROUP));
    const affiliatedAt = recorded[0]?.payload['affiliatedAt'] as string;
    const records = await recordsOf(changes.map(([npi]) => npi));
    expect(recorded.map((e) => e.payload)).toStrictEqual(
      changes.map(([npi, change]) => affiliationAnnouncement(recordOf(records, npi), { change, caseNumber, affiliatedAt })),
    );
  }

  /** Each row's record holds every roster detail exactly as the row validator read it from the file. */
  async function expectStoredAsRead(csv: string, caseNumber: string): Promise<void> {
    const read: RosterRecord[] = [];
    let validator: ReturnType<typeof createRowValidator> | undefined;
    for await (const batch of readRosterRows(Readable.from([Buffer.from(csv)]), 'CSV')) {
      let first = 0;
      if (!validator) {
        const header = matchRosterHeader(batch.rows[0], 'ADD_UPDATE');
        if (!header.ok) throw new Error('bad header');
        validator = createRowValidator({
          importType: 'ADD_UPDATE',
          columns: header.columns,
          today: businessDateOf(new Date()),
          serviceLocations: new Set(['A', 'B']),
        });
        first = 1;
      }
      for (let i = first; i < batch.rows.length; i++) {
        const record = validator.validate(batch.rows[i], batch.firstRow + i, []);
        if (!record) throw new Error(`row ${batch.firstRow + i} is not valid`);
        read.push(record);
      }
    }
    const records = await recordsOf(read.map((r) => r.npi));
    for (const record of read) {
      const stored = recordOf(records, record.npi);
      expect(stored.lastCaseNumber).toBe(caseNumber);
      for (const field of PRACTITIONER_RECORD_FIELDS) expect([record.npi, field, stored[field]]).toEqual([record.npi, field, record[field]]);
    }
  }

  it('stores the practitioners table with exactly the entity’s columns and types', async () => {
    const table: { column_name: string; data_type: string; is_nullable: string }[] = await db().query(
      `SELECT column_name, data_type, is_nullable FROM information_schema.columns
       WHERE table_schema = 'roster_import' AND table_name = 'practitioners' ORDER BY ordinal_position`,
    );
    const sqlType: Record<string, string> = { text: 'text', date: 'date', timestamptz: 'timestamp with time zone' };
    const entity = db().getMetadata(Practitioner).columns.map((c) => ({
      column_name: c.databaseName,
      data_type: sqlType[String(c.type)],
      is_nullable: c.isNullable ? 'YES' : 'NO',
    }));
    expect(table).toEqual(entity);
  });

  it('announces new practitioners, with and without end dates, as the contract and the TypeScript builder say', async () => {
    const csv = rosterCsv([
      rosterRow(301, {
        'Middle Name': 'Quinn',
        Suffix: 'Jr',
        Gender: 'M',
        'DEA Number': 'AB1234563',
        'CAQH Provider ID': '12345678',
        'End Date': '2027-12-31',
      }),
      rosterRow(302, { 'Service Location': 'B' }),
      rosterRow(303, { 'Provider Type': 'PHYSICAL_THERAPIST', 'Primary Taxonomy': '225100000X' }),
      rosterRow(304, { 'End Date': '2028-06-30' }),
    ]);
    const done = await importRoster(csv, 'ADD_UPDATE');
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 4, created: 4, updated: 0 } });
    await expectStoredAsRead(csv, done.caseNumber);
    await expectAnnounced(done, [
      [validNpi(301), 'ADDED'],
      [validNpi(302), 'ADDED'],
      [validNpi(303), 'ADDED'],
      [validNpi(304), 'ADDED'],
    ]);
    const statuses = Object.fromEntries([...(await recordsOf([301, 302, 303].map(validNpi))).values()].map((p) => [p.npi, p.status]));
    expect(statuses).toEqual({ [validNpi(301)]: 'WAITING_FOR_CAQH', [validNpi(302)]: 'SUBMITTED', [validNpi(303)]: 'SUBMITTED' });
  });

  it('gives the announced events distinct version-7 ids of the time they were recorded, the same in their ce_id header', async () => {
    const before = Date.now();
    const done = await importRoster(rosterCsv([rosterRow(311), rosterRow(312), rosterRow(313)]), 'ADD_UPDATE');
    const rows: { id: string; header: string }[] = await db().query(
      `SELECT event_id::text AS id, headers->>'ce_id' AS header FROM roster_import.outbox WHERE topic = $1 AND seq > $2 ORDER BY seq`,
      [Topics.PractitionerAffiliated, done.outboxBefore],
    );
    expect(rows).toHaveLength(3);
    for (const { id, header } of rows) {
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
      expect(header).toBe(id);
      const ms = parseInt(id.replace(/-/g, '').slice(0, 12), 16);
      expect(ms).toBeGreaterThanOrEqual(before - 1000); // the database's clock, not this process's
      expect(ms).toBeLessThanOrEqual(Date.now() + 1000);
    }
    expect(new Set(rows.map((r) => r.id)).size).toBe(3);
  });

  it('announces updates (an end date set, an end date removed) beside additions', async () => {
    const csv = rosterCsv([
      rosterRow(301, { 'Last Name': 'Renamed', 'End Date': '' }),
      rosterRow(303, { 'Provider Type': 'PHYSICAL_THERAPIST', 'Primary Taxonomy': '225100000X', 'End Date': '2027-09-30' }),
      rosterRow(305),
      rosterRow(306, { 'Service Location': 'B', 'End Date': '2027-08-31' }),
    ]);
    const done = await importRoster(csv, 'ADD_UPDATE');
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 4, created: 2, updated: 2 } });
    await expectStoredAsRead(csv, done.caseNumber);
    await expectAnnounced(done, [
      [validNpi(301), 'UPDATED'],
      [validNpi(303), 'UPDATED'],
      [validNpi(305), 'ADDED'],
      [validNpi(306), 'ADDED'],
    ]);
  });

  it('announces terminations with who it was, taken from the group’s records', async () => {
    const done = await importRoster(
      rosterCsv(
        [
          { NPI: validNpi(302), 'Service Location': 'B', 'End Date': '2027-10-31' },
          { NPI: validNpi(304), 'Service Location': 'A', 'End Date': '2027-11-30' },
        ],
        TERMINATION_HEADERS,
      ),
      'TERMINATE',
    );
    expect(done).toMatchObject({ status: 'COMPLETED', counts: { rows: 2, terminated: 2 } });
    const records = await recordsOf([validNpi(302), validNpi(304)]);
    expect([...records.values()].map((p) => [p.status, p.endDate, p.lastCaseNumber])).toEqual([
      ['TERMINATED', expect.any(String), done.caseNumber],
      ['TERMINATED', expect.any(String), done.caseNumber],
    ]);
    expect(records.get(validNpi(302))?.endDate).toBe('2027-10-31');
    await expectAnnounced(done, [
      [validNpi(302), 'TERMINATED'],
      [validNpi(304), 'TERMINATED'],
    ]);
  });
});
