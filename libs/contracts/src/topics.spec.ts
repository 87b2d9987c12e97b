// class-transformer's @Type reads decorator metadata (as index.ts arranges for consumers).
import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { getMetadataStorage, validate, ValidationError } from 'class-validator';
import { PROVIDER_TYPES } from './domain-codes';
import { GroupUpsertedV1, IndividualUpsertedV1 } from './events/provider-master-upserted.event';
import {
  LinkRequestAssignedV1,
  LinkRequestNoteAddedV1,
  LinkRequestProcessedV1,
  LinkRequestSlaBreachedV1,
  LinkRequestSlaWarningV1,
  LinkRequestSubmittedV1,
} from './events/link-request.events';
import { LetterSentV1 } from './events/letter-sent.event';
import { AccessGrantChangedV1 } from './events/access-grant-changed.event';
import { PractitionerAffiliatedV1 } from './events/practitioner-affiliated.event';
import { RosterImportCaseCreatedV1 } from './events/roster-import-case-created.event';
import { RosterImportCompletedV1 } from './events/roster-import-completed.event';
import { RosterUploadedV1 } from './events/roster-uploaded.event';
import { ACCESS_CHANGES } from './event-codes';
import { deadLetterTopicOf, EVENT_DEFINITIONS, EventPayloads, EventTopic, TOPIC_SPECS, Topics } from './topics';

/** The topic table of CONTRACT.md, written out again so that a rename shows up here. */
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
];

const GROUP = {
  kind: 'GROUP',
  pid: '110000001',
  name: 'Harbor Family Medicine LLC',
  dbaName: 'Harbor Family Medicine',
  dbaAddress: { line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' },
  serviceLocations: [{ sl: 'A', name: 'Main office' }, { sl: 'B' }],
  updatedAt: '2026-11-24T15:00:00Z',
} as const;

const INDIVIDUAL = {
  kind: 'INDIVIDUAL',
  pid: '210000001',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN',
  credentialed: false,
  updatedAt: '2026-11-24T15:00:00Z',
} as const;

const ROSTER_UPLOADED = {
  uploadId: '5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a01',
  groupId: '110000002',
  importType: 'ADD_UPDATE',
  fileFormat: 'CSV',
  fileName: 'roster-2026-11.csv',
  sizeBytes: 2048,
  sha256: 'a'.repeat(64),
  storageKey: 'uploads/5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a01',
  uploadedBy: 'user-42',
  uploadedAt: '2026-11-24T15:00:00Z',
} as const;

const CASE_CREATED = {
  caseNumber: 'RI-2026-000042',
  uploadId: '5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a01',
  groupId: '110000003',
  importType: 'TERMINATE',
  status: 'NEW',
  createdAt: '2026-11-24T15:00:01Z',
} as const;

const COMPLETED = {
  caseNumber: 'RI-2026-000043',
  uploadId: '5b0c2f3e-7a4d-4c1e-9f2a-1d3b5c7e9a02',
  groupId: '110000004',
  importType: 'ADD_UPDATE',
  status: 'COMPLETED',
  counts: { rows: 12, created: 10, updated: 2, terminated: 0, errors: 0 },
  completedAt: '2026-11-24T15:10:00Z',
} as const;

const AFFILIATED = {
  groupId: '110000005',
  serviceLocation: 'B',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN',
  change: 'ADDED',
  status: 'WAITING_FOR_CAQH',
  effectiveDate: '2026-12-01',
  caseNumber: 'RI-2026-000044',
  affiliatedAt: '2026-11-24T15:10:00Z',
} as const;

const GRANT_CHANGED = {
  pidsl: '110000004B',
  userId: 'provider-user-7',
  change: 'PRIMARY_NAMED',
  granted: true,
  primary: true,
  version: 3,
  by: 'back-office-1',
  at: '2026-11-24T15:00:00Z',
} as const;

const ASSIGNED = {
  requestId: '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  pidsl: '110000006A',
  assignee: { userId: 'demo-back-office', name: 'Dana Whitfield' },
  by: 'demo-back-office',
  at: '2026-11-24T15:00:00Z',
} as const;

const NOTE_ADDED = {
  requestId: '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  pidsl: '110000006B',
  noteId: '9d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
  by: 'demo-back-office',
  at: '2026-11-24T15:05:00Z',
} as const;

const PROVIDER_REF = { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: 'Souza' };
const REQUEST_ID = '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** One or more sample payloads per defined event, and the key the contract wants for each. */
const SAMPLES: { [T in EventTopic]: Array<{ payload: EventPayloads[T]; key: string }> } = {
  'provider-master.upserted.v1': [
    { payload: plainToInstance(GroupUpsertedV1, GROUP), key: '110000001' },
    { payload: plainToInstance(IndividualUpsertedV1, INDIVIDUAL), key: '210000001' },
  ],
  'roster.uploaded.v1': [{ payload: plainToInstance(RosterUploadedV1, ROSTER_UPLOADED), key: '110000002' }],
  'roster-import.case-created.v1': [
    { payload: plainToInstance(RosterImportCaseCreatedV1, CASE_CREATED), key: '110000003' },
  ],
  'roster-import.completed.v1': [{ payload: plainToInstance(RosterImportCompletedV1, COMPLETED), key: '110000004' }],
  'practitioner.affiliated.v1': [
    { payload: plainToInstance(PractitionerAffiliatedV1, AFFILIATED), key: '110000005' },
  ],
  'link-request.submitted.v1': [
    {
      payload: plainToInstance(LinkRequestSubmittedV1, {
        requestId: REQUEST_ID, kind: 'LINK', pidsl: '110000001A', provider: PROVIDER_REF,
        effectiveDate: '2026-12-01', submittedAt: '2026-11-24T15:00:00Z', dueDate: '2026-12-09',
      }),
      key: '110000001A',
    },
  ],
  'link-request.processed.v1': [
    {
      payload: plainToInstance(LinkRequestProcessedV1, {
        requestId: REQUEST_ID, kind: 'LINK', pidsl: '110000001B', groupId: '110000001', serviceLocation: 'B',
        provider: PROVIDER_REF, decision: 'DENIED', reason: 'Not enrolled', effectiveDate: '2026-12-01',
        recipient: { name: 'Harbor Family Medicine', address: { line1: '12 Water St', city: 'Boston', state: 'MA', zip: '02109' } },
        decidedAt: '2026-11-30T15:00:00Z',
      }),
      key: '110000001B',
    },
  ],
  'link-request.sla-warning.v1': [
    {
      payload: plainToInstance(LinkRequestSlaWarningV1, {
        requestId: REQUEST_ID, pidsl: '110000002A', dueDate: '2026-12-09', businessDaysRemaining: 2, detectedAt: '2026-12-07T14:00:00Z',
      }),
      key: '110000002A',
    },
  ],
  'letter.sent.v1': [
    {
      payload: plainToInstance(LetterSentV1, {
        letterId: '1c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b', requestId: REQUEST_ID, pidsl: '110000003A',
        kind: 'link-approved', channel: 'PRINT_MAIL', sentAt: '2026-12-01T15:00:00Z',
      }),
      key: '110000003A',
    },
  ],
  'link-request.sla-breached.v1': [
    {
      payload: plainToInstance(LinkRequestSlaBreachedV1, {
        requestId: REQUEST_ID, pidsl: '110000002B', dueDate: '2026-12-09', detectedAt: '2026-12-10T14:00:00Z',
      }),
      key: '110000002B',
    },
  ],
  'link-request.assigned.v1': [
    { payload: plainToInstance(LinkRequestAssignedV1, ASSIGNED), key: '110000006A' },
    { payload: plainToInstance(LinkRequestAssignedV1, { ...ASSIGNED, pidsl: '110000006C', assignee: null }), key: '110000006C' },
  ],
  'link-request.note-added.v1': [{ payload: plainToInstance(LinkRequestNoteAddedV1, NOTE_ADDED), key: '110000006B' }],
  'access.grant-changed.v1': [
    { payload: plainToInstance(AccessGrantChangedV1, GRANT_CHANGED), key: '110000004B' },
    {
      payload: plainToInstance(AccessGrantChangedV1, { ...GRANT_CHANGED, pidsl: '110000005A', change: 'REVOKED', granted: false, primary: false }),
      key: '110000005A',
    },
  ],
};

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
});
