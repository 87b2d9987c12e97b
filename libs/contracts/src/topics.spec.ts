// class-transformer's @Type reads decorator metadata (as index.ts arranges for consumers).
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { PROVIDER_TYPES } from './domain-codes';
import { GroupUpsertedV1, IndividualUpsertedV1 } from './events/provider-master-upserted.event';
import { LinkRequestNoteAddedV1 } from './events/link-request.events';
import { ACCESS_CHANGES } from './event-codes';
import { deadLetterTopicOf, EVENT_DEFINITIONS, EventTopic, TOPIC_SPECS, Topics } from './topics';
import { ASSIGNED, CALENDAR_CHANGED, CASE_CREATED, GRANT_CHANGED, GROUP, INDIVIDUAL, NOTE_ADDED, ROSTER_UPLOADED, SAMPLES } from './event-samples.fixture';

/** The topic table of CONTRACT.md (and the topics docs/contract.md adds), written out again so that a rename shows up here. */
const CONTRACT_TOPICS = [
  'provider-master.upserted.v1',
  'roster.uploaded.v1',
  'roster-import.case-created.v1',
  'roster-import.completed.v1',
  'practitioner.affiliated.v1',
  'link-request.submitted.v1',
  'link-request.processed.v1',
  'link-request.sla-warning.v1',
  'link-request.sla-breached.v1',
  'link-request.assigned.v1',
  'link-request.note-added.v1',
  'letter.sent.v1',
  'access.grant-changed.v1',
  'business-calendar.changed.v1',
];

const eventTopics = Object.keys(EVENT_DEFINITIONS) as EventTopic[];

/** Builds and validates a raw payload the way a consumer does: the class its definition picks. */
async function validateAs(topic: EventTopic, raw: Record<string, unknown>): Promise<ValidationError[]> {
  const cls = EVENT_DEFINITIONS[topic].payloadClass(raw) as new () => object;
  return validate(plainToInstance(cls, raw));
}

/** Every property path with a failed constraint, e.g. `dbaAddress.zip`. */
function failedPaths(errors: ValidationError[], parent = ''): string[] {
  return errors.flatMap((e) => {
    const path = parent ? `${parent}.${e.property}` : e.property;
    return [...(e.constraints ? [path] : []), ...failedPaths(e.children ?? [], path)];
  });
}

describe('Topics', () => {
  it('are exactly the topics of the contract', () => {
    expect([...Object.values(Topics)].sort()).toEqual([...CONTRACT_TOPICS].sort());
  });
});

describe('TOPIC_SPECS', () => {
  const byName = new Map(TOPIC_SPECS.map((s) => [s.name, s]));

  it('names each topic once', () => {
    expect(byName.size).toBe(TOPIC_SPECS.length);
  });

  it.each(Object.values(Topics))('has %s and its dead-letter topic', (topic) => {
    const spec = byName.get(topic);
    const dlq = byName.get(`${topic}.dlq`);
    expect(spec).toBeDefined();
    expect(dlq).toBeDefined();
    expect(spec!.partitions).toBeGreaterThanOrEqual(1);
    expect(dlq!.partitions).toBeGreaterThanOrEqual(1);
    expect(dlq!.cleanupPolicy).toBe('delete');
    expect(dlq!.retentionMs).toBeGreaterThan(0);
  });

  it('holds nothing but the topics and their dead-letter topics', () => {
    const expected = Object.values(Topics).flatMap((t) => [t, `${t}.dlq`]);
    expect([...byName.keys()].sort()).toEqual(expected.sort());
  });

  it('compacts the provider master and keeps it for ever', () => {
    const spec = byName.get(Topics.ProviderMasterUpserted)!;
    expect(spec.cleanupPolicy).toBe('compact');
    expect(spec.retentionMs).toBe(-1);
  });

  it('keeps every access grant change for ever, uncompacted: a new service rebuilds who may act where from it', () => {
    const spec = byName.get(Topics.AccessGrantChanged)!;
    expect(spec.cleanupPolicy).toBe('delete');
    expect(spec.retentionMs).toBe(-1);
  });

  it('deletes by age on every other topic', () => {
    const kept: string[] = [Topics.ProviderMasterUpserted, Topics.AccessGrantChanged];
    for (const spec of TOPIC_SPECS.filter((s) => !kept.includes(s.name))) {
      expect({ name: spec.name, policy: spec.cleanupPolicy }).toEqual({ name: spec.name, policy: 'delete' });
      expect(spec.retentionMs).toBeGreaterThan(0);
    }
  });

  it('gives every topic of one group the same partition count, so keys spread alike', () => {
    const counts = new Set(Object.values(Topics).map((t) => byName.get(t)!.partitions));
    expect(counts.size).toBe(1);
  });
});

describe('deadLetterTopicOf', () => {
  it('appends .dlq', () => {
    expect(deadLetterTopicOf('roster.uploaded.v1')).toBe('roster.uploaded.v1.dlq');
  });
});

describe('EVENT_DEFINITIONS', () => {
  it('are all contract topics', () => {
    for (const topic of eventTopics) expect(Object.values(Topics)).toContain(topic);
  });

  it('have a sample in this test for each definition', () => {
    expect(Object.keys(SAMPLES).sort()).toEqual([...eventTopics].sort());
  });

  it.each(eventTopics)('%s: keyOf gives the contract key (group PID / pid)', (topic) => {
    const definition = EVENT_DEFINITIONS[topic] as { keyOf(p: unknown): string };
    for (const { payload, key } of SAMPLES[topic]) {
      expect(definition.keyOf(payload)).toBe(key);
    }
  });

  it.each(eventTopics)('%s: the sample payloads pass validation', async (topic) => {
    for (const { payload } of SAMPLES[topic]) {
      const raw = JSON.parse(JSON.stringify(payload)) as Record<string, unknown>;
      expect(failedPaths(await validateAs(topic, raw))).toEqual([]);
    }
  });

  describe('provider-master.upserted.v1', () => {
    const topic = Topics.ProviderMasterUpserted;
    const { payloadClass } = EVENT_DEFINITIONS[topic];

    it('picks the class by kind', () => {
      expect(payloadClass({ ...GROUP })).toBe(GroupUpsertedV1);
      expect(payloadClass({ ...INDIVIDUAL })).toBe(IndividualUpsertedV1);
    });

    it('validates a record of unknown kind as an individual, which then fails on kind', async () => {
      const raw = { ...INDIVIDUAL, kind: 'ORGANIZATION' };
      expect(payloadClass(raw)).toBe(IndividualUpsertedV1);
      expect(failedPaths(await validateAs(topic, raw))).toEqual(['kind']);
    });

    it('ignores unknown fields', async () => {
      expect(await validateAs(topic, { ...GROUP, taxId: '12-3456789' })).toEqual([]);
      expect(await validateAs(topic, { ...INDIVIDUAL, middleName: 'M' })).toEqual([]);
    });

    it('accepts a group with no line2 and a location with no name', async () => {
      const { line2: _line2, ...address } = GROUP.dbaAddress;
      expect(await validateAs(topic, { ...GROUP, dbaAddress: address, serviceLocations: [{ sl: 'A' }] })).toEqual([]);
    });

    it('accepts every provider type of the contract', async () => {
      for (const providerType of PROVIDER_TYPES) {
        expect(await validateAs(topic, { ...INDIVIDUAL, providerType })).toEqual([]);
      }
    });

    it.each([
      ['a group PID of 8 digits', { ...GROUP, pid: '11000001' }, ['pid']],
      ['a group PID with a letter', { ...GROUP, pid: '11000000A' }, ['pid']],
      ['an individual PID given as a PID/SL', { ...INDIVIDUAL, pid: '210000001A' }, ['pid']],
    ])('refuses %s, naming pid', async (_, raw, paths) => {
      expect(failedPaths(await validateAs(topic, raw))).toEqual(paths);
    });

    it.each([
      ['9 digits', '123456789'],
      ['11 digits', '12345678931'],
      ['a letter', '12345678X3'],
    ])('refuses an NPI of %s, naming npi', async (_, npi) => {
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, npi }))).toEqual(['npi']);
    });

    // CONTRACT.md: an NPI's last digit is the Luhn check digit over 80840 + the first nine.
    it('refuses an NPI whose check digit is wrong, naming npi', async () => {
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, npi: '1234567890' }))).toEqual(['npi']);
    });

    it('refuses an unknown provider type, naming providerType', async () => {
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, providerType: 'SURGEON' }))).toEqual([
        'providerType',
      ]);
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, providerType: 'physician' }))).toEqual([
        'providerType',
      ]);
    });

    it('refuses a group without dbaAddress, naming dbaAddress', async () => {
      const { dbaAddress: _omitted, ...raw } = GROUP;
      expect(failedPaths(await validateAs(topic, raw))).toEqual(['dbaAddress']);
    });

    it('refuses a dbaAddress that is not an object, naming dbaAddress', async () => {
      expect(failedPaths(await validateAs(topic, { ...GROUP, dbaAddress: '12 Water St, Boston' }))).toEqual([
        'dbaAddress',
      ]);
    });

    it('names the nested field of a bad address', async () => {
      const raw = { ...GROUP, dbaAddress: { ...GROUP.dbaAddress, zip: '2109', state: 'Mass' } };
      expect(failedPaths(await validateAs(topic, raw)).sort()).toEqual(['dbaAddress.state', 'dbaAddress.zip']);
    });

    it('refuses a group without service locations or with a bad SL', async () => {
      expect(failedPaths(await validateAs(topic, { ...GROUP, serviceLocations: [] }))).toEqual(['serviceLocations']);
      const { serviceLocations: _omitted, ...noLocations } = GROUP;
      expect(failedPaths(await validateAs(topic, noLocations))).toEqual(['serviceLocations']);
      expect(failedPaths(await validateAs(topic, { ...GROUP, serviceLocations: [{ sl: 'a' }] }))).toEqual([
        'serviceLocations.0.sl',
      ]);
    });

    it('refuses an updatedAt that is not an ISO-8601 instant', async () => {
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, updatedAt: '11/24/2026' }))).toEqual(['updatedAt']);
    });

    it('refuses credentialed given as a string', async () => {
      expect(failedPaths(await validateAs(topic, { ...INDIVIDUAL, credentialed: 'false' }))).toEqual(['credentialed']);
    });
  });

  describe('roster.* payloads', () => {
    it('refuse a bad group PID, naming groupId', async () => {
      expect(failedPaths(await validateAs(Topics.RosterUploaded, { ...ROSTER_UPLOADED, groupId: '110000002A' }))).toEqual(
        ['groupId'],
      );
      expect(
        failedPaths(await validateAs(Topics.RosterImportCaseCreated, { ...CASE_CREATED, groupId: '1100000' })),
      ).toEqual(['groupId']);
    });

    it('refuse a bad case number, naming caseNumber', async () => {
      expect(
        failedPaths(await validateAs(Topics.RosterImportCaseCreated, { ...CASE_CREATED, caseNumber: 'RI-26-42' })),
      ).toEqual(['caseNumber']);
    });

    it('refuse an unknown import type, naming importType', async () => {
      expect(
        failedPaths(await validateAs(Topics.RosterUploaded, { ...ROSTER_UPLOADED, importType: 'REPLACE' })),
      ).toEqual(['importType']);
    });
  });

  describe('access.grant-changed.v1', () => {
    const topic = Topics.AccessGrantChanged;

    it('accepts every change of the contract (ACCESS_CHANGES)', async () => {
      for (const change of ACCESS_CHANGES) {
        expect(await validateAs(topic, { ...GRANT_CHANGED, change })).toEqual([]);
      }
    });

    it.each([
      ['a PID/SL without its letter', { ...GRANT_CHANGED, pidsl: '110000004' }, ['pidsl']],
      ['an unknown change', { ...GRANT_CHANGED, change: 'SUSPENDED' }, ['change']],
      ['a state given as a string', { ...GRANT_CHANGED, granted: 'true' }, ['granted']],
      ['no primary flag', { ...GRANT_CHANGED, primary: undefined }, ['primary']],
      ['a version of 0', { ...GRANT_CHANGED, version: 0 }, ['version']],
      ['a version that is not a whole number', { ...GRANT_CHANGED, version: 1.5 }, ['version']],
      ['an empty userId', { ...GRANT_CHANGED, userId: '' }, ['userId']],
      ['an at that is not an ISO-8601 instant', { ...GRANT_CHANGED, at: '11/24/2026' }, ['at']],
    ])('refuses %s, naming the field', async (_, raw, paths) => {
      expect(failedPaths(await validateAs(topic, raw as Record<string, unknown>))).toEqual(paths);
    });
  });

  describe('link-request.assigned.v1', () => {
    const topic = Topics.LinkRequestAssigned;

    it('accepts an assignee, and null for a request no one is assigned to', async () => {
      expect(await validateAs(topic, { ...ASSIGNED })).toEqual([]);
      expect(await validateAs(topic, { ...ASSIGNED, assignee: null })).toEqual([]);
    });

    it.each([
      ['no assignee at all (null must be said)', { ...ASSIGNED, assignee: undefined }, ['assignee']],
      ['an assignee that is not an object', { ...ASSIGNED, assignee: 'demo-back-office' }, ['assignee']],
      ['an assignee without a name', { ...ASSIGNED, assignee: { userId: 'demo-back-office' } }, ['assignee.name']],
      ['an assignee with an empty user id', { ...ASSIGNED, assignee: { userId: '', name: 'Dana Whitfield' } }, ['assignee.userId']],
      ['a PID/SL without its letter', { ...ASSIGNED, pidsl: '110000006' }, ['pidsl']],
      ['a request id that is not a UUID', { ...ASSIGNED, requestId: '42' }, ['requestId']],
      ['no by', { ...ASSIGNED, by: undefined }, ['by']],
      ['an at that is not an ISO-8601 instant', { ...ASSIGNED, at: '11/24/2026' }, ['at']],
    ])('refuses %s, naming the field', async (_, raw, paths) => {
      expect(failedPaths(await validateAs(topic, raw as Record<string, unknown>))).toEqual(paths);
    });
  });

  describe('link-request.note-added.v1', () => {
    const topic = Topics.LinkRequestNoteAdded;

    it('names the note, its request and its author, and never declares the note text (it may hold PHI)', () => {
      const declared = getMetadataStorage()
        .getTargetValidationMetadatas(LinkRequestNoteAddedV1, '', true, false)
        .map((m) => m.propertyName);
      expect([...new Set(declared)].sort()).toEqual(['at', 'by', 'noteId', 'pidsl', 'requestId']);
    });

    it.each([
      ['a note id that is not a UUID', { ...NOTE_ADDED, noteId: 'note-1' }, ['noteId']],
      ['a PID/SL without its letter', { ...NOTE_ADDED, pidsl: '110000006' }, ['pidsl']],
      ['an empty author', { ...NOTE_ADDED, by: '' }, ['by']],
      ['an at that is not an ISO-8601 instant', { ...NOTE_ADDED, at: 'yesterday' }, ['at']],
    ])('refuses %s, naming the field', async (_, raw, paths) => {
      expect(failedPaths(await validateAs(topic, raw as Record<string, unknown>))).toEqual(paths);
    });
  });

  describe('business-calendar.changed.v1', () => {
    const topic = Topics.BusinessCalendarChanged;

    it.each([
      ['a change that is neither ADDED nor REMOVED', { ...CALENDAR_CHANGED, change: 'MOVED' }, ['change']],
      ['a date that is not YYYY-MM-DD', { ...CALENDAR_CHANGED, date: '12/07/2026' }, ['date']],
      ['an empty name', { ...CALENDAR_CHANGED, name: '' }, ['name']],
      ['a negative count of moved due dates', { ...CALENDAR_CHANGED, dueDatesMoved: -1 }, ['dueDatesMoved']],
      ['a changedAt that is not an ISO-8601 instant', { ...CALENDAR_CHANGED, changedAt: 'today' }, ['changedAt']],
    ])('refuses %s, naming the field', async (_, raw, paths) => {
      expect(failedPaths(await validateAs(topic, raw as Record<string, unknown>))).toEqual(paths);
    });
  });
});
