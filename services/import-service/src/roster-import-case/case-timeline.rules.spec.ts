import { CASE_TIMELINE_EVENTS } from '@rosterlink/contracts';
import {
  CASE_TRANSITIONS,
  CaseStoryRow,
  caseTimeline,
  CaseTimelineEntry,
  openingTimeline,
  outcomeDetail,
  ROSTER_FILE_CONTENT_TYPES,
  TIMELINE_EVENT_OF,
  transitionEntry,
} from './roster-import-case.rules';

const uploadedAt = new Date('2026-11-24T14:00:00Z');
const openedAt = new Date('2026-11-24T14:00:01Z');
const lastChange = new Date('2026-11-24T15:30:00Z');
const row: CaseStoryRow = {
  fileName: 'roster.xlsx',
  uploadedBy: 'provider-1',
  uploadedAt,
  supersedesCaseNumber: null,
  status: 'NEW',
  createdAt: openedAt,
  updatedAt: openedAt,
};

describe('a case’s timeline', () => {
  it('records each change of status as the event of the status it leaves', () => {
    for (const [transition, event] of Object.entries(TIMELINE_EVENT_OF)) {
      expect(event).toBe(CASE_TRANSITIONS[transition as keyof typeof CASE_TRANSITIONS].to);
      expect(CASE_TIMELINE_EVENTS).toContain(event);
    }
    expect(transitionEntry('process', lastChange, 'analyst-1', null)).toEqual({ at: lastChange, event: 'PROCESSING', by: 'analyst-1', detail: null });
  });

  it('opens with the upload (who, when, which file) and the opening; a revision says which case it revises', () => {
    expect(openingTimeline(row)).toEqual([
      { at: uploadedAt, event: 'UPLOADED', by: 'provider-1', detail: 'roster.xlsx' },
      { at: openedAt, event: 'OPENED', by: null, detail: null },
    ]);
    expect(openingTimeline({ ...row, supersedesCaseNumber: 'RI-2026-000041' })[1].detail).toBe('Revised file of RI-2026-000041');
  });

  it('is the recorded history when the case has one', () => {
    const history: CaseTimelineEntry[] = [
      ...openingTimeline(row),
      transitionEntry('process', lastChange, 'provider-1', null),
      transitionEntry('complete', lastChange, null, outcomeDetail('complete', { rows: 3, created: 2, updated: 1, terminated: 0, errors: 0 })),
    ];
    expect(caseTimeline({ ...row, status: 'COMPLETED', updatedAt: lastChange }, history)).toEqual(history);
    expect(history[3].detail).toBe('3 rows: 2 created, 1 updated, 0 terminated');
  });

  it('is built from the row for a case opened before history was recorded', () => {
    const before = { ...row, uploadedBy: null, uploadedAt: null };
    expect(caseTimeline(before, [])).toEqual([{ at: openedAt, event: 'OPENED', by: null, detail: null }]);
    expect(caseTimeline({ ...before, status: 'REJECTED', updatedAt: lastChange }, [])).toEqual([
      { at: openedAt, event: 'OPENED', by: null, detail: null },
      { at: lastChange, event: 'REJECTED', by: null, detail: null },
    ]);
    // Opened before, processed after: the opening from the row, then what was recorded.
    const processed = [transitionEntry('process', lastChange, 'provider-1', null)];
    expect(caseTimeline({ ...before, status: 'PROCESSING', updatedAt: lastChange }, processed)).toEqual([
      { at: openedAt, event: 'OPENED', by: null, detail: null },
      ...processed,
    ]);
  });

  it('tells how a job ended', () => {
    expect(outcomeDetail('reject', { rows: 6, created: 0, updated: 0, terminated: 0, errors: 1 })).toBe('1 error in 6 rows; nothing applied');
    expect(outcomeDetail('reject', { rows: 6, created: 0, updated: 0, terminated: 0, errors: 5 })).toBe('5 errors in 6 rows; nothing applied');
    expect(outcomeDetail('fail', { rows: 0, created: 0, updated: 0, terminated: 0, errors: 0 })).toBe('The import failed after its last attempt');
  });

  it('serves a roster file with the content type of its format', () => {
    expect(ROSTER_FILE_CONTENT_TYPES).toEqual({ CSV: 'text/csv', XLSX: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet' });
  });
});
