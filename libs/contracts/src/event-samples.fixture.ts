// Sample payloads of every defined event, shared by the specs of the topics and of payload decoding.
import { plainToInstance } from 'class-transformer';
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
import { BusinessCalendarChangedV1 } from './events/business-calendar-changed.event';
import { PractitionerAffiliatedV1 } from './events/practitioner-affiliated.event';
import { RosterImportCaseCreatedV1 } from './events/roster-import-case-created.event';
import { RosterImportCompletedV1 } from './events/roster-import-completed.event';
import { RosterUploadedV1 } from './events/roster-uploaded.event';
import type { EventPayloads, EventTopic } from './topics';

export const GROUP = {
  kind: 'GROUP',
  pid: '110000001',
  name: 'Harbor Family Medicine LLC',
  dbaName: 'Harbor Family Medicine',
  dbaAddress: { line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' },
  serviceLocations: [{ sl: 'A', name: 'Main office' }, { sl: 'B' }],
  updatedAt: '2026-11-24T15:00:00Z',
} as const;

export const INDIVIDUAL = {
  kind: 'INDIVIDUAL',
  pid: '210000001',
  npi: '1234567893',
  firstName: 'Ana',
  lastName: 'Souza',
  providerType: 'PHYSICIAN',
  credentialed: false,
  updatedAt: '2026-11-24T15:00:00Z',
} as const;

export const ROSTER_UPLOADED = {
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

export const CASE_CREATED = {
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

export const GRANT_CHANGED = {
  pidsl: '110000004B',
  userId: 'provider-user-7',
  change: 'PRIMARY_NAMED',
  granted: true,
  primary: true,
  version: 3,
  by: 'back-office-1',
  at: '2026-11-24T15:00:00Z',
} as const;

export const CALENDAR_CHANGED = {
  change: 'ADDED',
  date: '2026-12-07',
  name: 'Blizzard closure',
  dueDatesMoved: 12,
  changedAt: '2026-12-07T11:30:00Z',
} as const;

export const ASSIGNED = {
  requestId: '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  pidsl: '110000006A',
  assignee: { userId: 'demo-back-office', name: 'Dana Whitfield' },
  by: 'demo-back-office',
  at: '2026-11-24T15:00:00Z',
} as const;

export const NOTE_ADDED = {
  requestId: '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b',
  pidsl: '110000006B',
  noteId: '9d2e3f4a-5b6c-4d7e-8f90-a1b2c3d4e5f6',
  by: 'demo-back-office',
  at: '2026-11-24T15:05:00Z',
} as const;

const PROVIDER_REF = { providerId: '210000001', npi: '1234567893', firstName: 'Ana', lastName: 'Souza' };
const REQUEST_ID = '7c1e2f3a-4b5d-4e6f-8a9b-0c1d2e3f4a5b';

/** One or more sample payloads per defined event, and the key the contract wants for each. */
export const SAMPLES: { [T in EventTopic]: Array<{ payload: EventPayloads[T]; key: string }> } = {
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
  'business-calendar.changed.v1': [
    { payload: plainToInstance(BusinessCalendarChangedV1, CALENDAR_CHANGED), key: 'business-calendar' },
    { payload: plainToInstance(BusinessCalendarChangedV1, { ...CALENDAR_CHANGED, change: 'REMOVED', dueDatesMoved: 0 }), key: 'business-calendar' },
  ],
};
