import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { AuthenticatedUser } from '@rosterlink/auth';
import { RosterImportCaseCreatedV1, RosterImportCompletedV1, SUPERSEDABLE_CASE_STATUSES } from '@rosterlink/contracts';
import {
  AnnouncedCase,
  canFinishProcessing,
  canSeeCase,
  canTransition,
  CASE_STATUSES,
  CASE_TRANSITIONS,
  caseCompletedEvent,
  caseCreatedEvent,
  caseRefusals,
  countsWithoutChanges,
  FINAL_CASE_STATUSES,
  fileProblems,
  importOutcome,
  isFinal,
  listableGroupsOf,
  mayReplace,
  OPENED_CASE_STATUS,
  PROCESSING_STATUS,
  processingDecision,
} from './roster-import-case.rules';

const provider = new AuthenticatedUser('u1', 'Ana', ['provider'], ['110000001B']);
const backOffice = new AuthenticatedUser('u2', 'Bo', ['back-office'], []);
const rosterCase: AnnouncedCase = {
  caseNumber: 'RI-2026-000042',
  uploadId: '6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14',
  groupId: '110000001',
  importType: 'ADD_UPDATE',
};
const strictly = { whitelist: true, forbidNonWhitelisted: true };

describe('roster-import case rules', () => {
  it('opens a case NEW and processes only a NEW case', () => {
    expect(OPENED_CASE_STATUS).toBe('NEW');
    expect(CASE_STATUSES.filter((s) => canTransition(s, 'process'))).toEqual(['NEW']);
    expect(CASE_TRANSITIONS.process.to).toBe('PROCESSING');
    expect(PROCESSING_STATUS).toBe('PROCESSING');
  });

  it('lets the job complete, reject or fail only a PROCESSING case', () => {
    for (const transition of ['complete', 'reject', 'fail'] as const) {
      expect([transition, CASE_STATUSES.filter((s) => canTransition(s, transition))]).toEqual([transition, ['PROCESSING']]);
    }
    expect([CASE_TRANSITIONS.complete.to, CASE_TRANSITIONS.reject.to, CASE_TRANSITIONS.fail.to]).toEqual(['COMPLETED', 'REJECTED', 'FAILED']);
    expect(CASE_STATUSES.filter(canFinishProcessing)).toEqual(['PROCESSING']);
  });

  it('supersedes a NEW or REJECTED case, as the contract says', () => {
    expect(CASE_STATUSES.filter((s) => canTransition(s, 'supersede'))).toEqual([...SUPERSEDABLE_CASE_STATUSES]);
    expect(CASE_STATUSES.filter((s) => canTransition(s, 'supersede'))).toEqual(['NEW', 'REJECTED']);
    expect(CASE_TRANSITIONS.supersede.to).toBe('SUPERSEDED');
  });

  it('ends a case in the final statuses of roster-import.completed.v1, and in no other', () => {
    const ends = new Set(Object.values(CASE_TRANSITIONS).map((t) => t.to).filter((s) => s !== 'PROCESSING'));
    expect([...ends].sort()).toEqual([...FINAL_CASE_STATUSES].sort());
    expect(CASE_STATUSES.filter(isFinal)).toEqual(['COMPLETED', 'REJECTED', 'FAILED', 'SUPERSEDED']);
    // Every status is reached by a transition, or is the one a case opens with.
    expect(new Set([OPENED_CASE_STATUS, ...Object.values(CASE_TRANSITIONS).map((t) => t.to)])).toEqual(new Set(CASE_STATUSES));
  });

  it('starts processing a NEW case, does nothing to a PROCESSING one, and refuses the rest', () => {
    expect(Object.fromEntries(CASE_STATUSES.map((s) => [s, processingDecision(s)]))).toEqual({
      NEW: 'start',
      PROCESSING: 'already-processing',
      COMPLETED: 'refuse',
      REJECTED: 'refuse',
      FAILED: 'refuse',
      SUPERSEDED: 'refuse',
    });
  });

  it('rejects a roster with any error and completes one without', () => {
    expect(importOutcome(0)).toBe('complete');
    expect(importOutcome(1)).toBe('reject');
    expect(importOutcome(20_000)).toBe('reject');
  });

  it('lets a revision replace only a supersedable case of its own group', () => {
    expect(mayReplace({ groupId: '110000001', status: 'REJECTED' }, '110000001')).toBe(true);
    expect(mayReplace({ groupId: '110000001', status: 'NEW' }, '110000001')).toBe(true);
    expect(mayReplace({ groupId: '110000002', status: 'NEW' }, '110000001')).toBe(false);
    for (const status of ['PROCESSING', 'COMPLETED', 'FAILED', 'SUPERSEDED'] as const) {
      expect([status, mayReplace({ groupId: '110000001', status }, '110000001')]).toEqual([status, false]);
    }
  });

  it('shows a case to the back office and to users of its group only', () => {
    expect(canSeeCase(backOffice, { groupId: '120000002' })).toBe(true);
    expect(canSeeCase(provider, { groupId: '110000001' })).toBe(true);
    expect(canSeeCase(provider, { groupId: '110000002' })).toBe(false);
    expect(listableGroupsOf(backOffice)).toBeNull();
    expect(listableGroupsOf(provider)).toEqual(['110000001']);
  });

  it('announces an opened case as roster-import.case-created.v1', async () => {
    const event = caseCreatedEvent(rosterCase, new Date('2026-11-24T15:00:00Z'));
    expect(event).toEqual({ ...rosterCase, status: 'NEW', createdAt: '2026-11-24T15:00:00.000Z' });
    expect(await validate(plainToInstance(RosterImportCaseCreatedV1, event), strictly)).toEqual([]);
  });

  it('announces a final status as roster-import.completed.v1, naming the revision of a superseded case', async () => {
    const counts = { rows: 3, created: 2, updated: 1, terminated: 0, errors: 0 };
    const completed = caseCompletedEvent(rosterCase, 'COMPLETED', counts, new Date('2026-11-24T15:00:00Z'));
    expect(completed).toEqual({ ...rosterCase, status: 'COMPLETED', counts, completedAt: '2026-11-24T15:00:00.000Z' });
    expect('supersededBy' in completed).toBe(false);
    const superseded = caseCompletedEvent(rosterCase, 'SUPERSEDED', countsWithoutChanges(5, 2), new Date(), 'RI-2026-000043');
    expect(superseded).toMatchObject({ supersededBy: 'RI-2026-000043', counts: { rows: 5, created: 0, updated: 0, terminated: 0, errors: 2 } });
    for (const event of [completed, superseded]) {
      expect(await validate(plainToInstance(RosterImportCompletedV1, event), strictly)).toEqual([]);
    }
  });

  it('words the problems of a whole file and the refusals of the cases API as they always were', () => {
    expect(fileProblems.unreadable('Bad quote', 7)).toEqual({ row: 7, column: '', code: 'UNREADABLE_FILE', message: 'Bad quote' });
    expect(fileProblems.unreadable('Not a spreadsheet')).toMatchObject({ row: 1 });
    expect(fileProblems.noDataRows()).toEqual({
      row: 2,
      column: '',
      code: 'NO_DATA_ROWS',
      message: 'The file has a header but no practitioner rows',
    });
    expect(caseRefusals.notFound('RI-2026-000042')).toBe('Case RI-2026-000042 not found');
    expect(caseRefusals.groupNotFound('110000001')).toBe('Group 110000001 not found');
    expect(caseRefusals.notNew('RI-2026-000042', 'COMPLETED')).toBe('Case RI-2026-000042 is COMPLETED; only a NEW case can be processed');
  });
});
