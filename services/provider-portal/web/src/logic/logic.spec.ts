import { practiceNameOf, practicesOf, type Me } from './practices';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { csvFields, csvHeaderProblems, formatBytes, rosterFileProblem, rosterFileRefusal, ROSTER_UPLOAD_LIMIT_BYTES } from './roster-file-check';
import { initialRosterUpload, rosterUploadReducer, RosterUploadEvent, RosterUploadState } from './roster-upload-steps';

const me = (grants: string[]): Me => ({ sub: 'p', name: 'Maria Santos', roles: ['provider'], grants, primaryFor: [] });

describe('practicesOf', () => {
  it('makes one practice per group of the grants, by PID, with the granted locations', () => {
    expect(practicesOf(me(['110000002A', '110000001B', '110000001A']))).toEqual([
      { groupId: '110000001', serviceLocations: ['A', 'B'], primaryFor: [] },
      { groupId: '110000002', serviceLocations: ['A'], primaryFor: [] },
    ]);
  });

  it('names, per practice, the granted locations the user is Primary User of', () => {
    const primary = { ...me(['110000001A', '110000001B', '110000002A']), primaryFor: ['110000001B', '110000001A', '110000003A'] };
    expect(practicesOf(primary)).toEqual([
      { groupId: '110000001', serviceLocations: ['A', 'B'], primaryFor: ['110000001A', '110000001B'] },
      { groupId: '110000002', serviceLocations: ['A'], primaryFor: [] },
    ]);
  });

  it('is empty for a user without grants', () => {
    expect(practicesOf(me([]))).toEqual([]);
  });

  it('names a practice by its DBA name, then its legal name, then its PID', () => {
    const names = [{ pidsl: '110000001A', groupId: '110000001', groupName: 'Harbor Family Medicine LLC', dbaName: 'Harbor Family Medicine' }];
    expect(practiceNameOf('110000001', names)).toBe('Harbor Family Medicine');
    expect(practiceNameOf('110000001', [{ ...names[0], dbaName: '' }])).toBe('Harbor Family Medicine LLC');
    expect(practiceNameOf('110000002', names)).toBe('Practice 110000002');
  });
});

describe('the roster file pre-check', () => {
  it('takes a CSV or an xlsx file, in any letter case', () => {
    expect(rosterFileProblem({ name: 'roster.csv', size: 200 })).toBeNull();
    expect(rosterFileProblem({ name: 'ROSTER.XLSX', size: 200 })).toBeNull();
  });

  it('says what to do with a file of another type, an empty file and one over the limit', () => {
    expect(rosterFileProblem({ name: 'roster.pdf', size: 200 })).toBe(
      'roster.pdf is not a roster file. Save the roster from the template as CSV (.csv) or Excel (.xlsx), then choose it again.',
    );
    expect(rosterFileProblem({ name: 'roster.xls', size: 200 })).toMatch(/not a roster file/);
    expect(rosterFileProblem({ name: 'roster.csv', size: 0 })).toMatch(/is empty/);
    expect(rosterFileProblem({ name: 'roster.csv', size: ROSTER_UPLOAD_LIMIT_BYTES + 1 })).toBe(
      'roster.csv is 50.0 MB, over the 50.0 MB limit. Split the roster into smaller files and upload each.',
    );
  });

  it("checks a CSV's header row by the template's rule, as upload-service does, naming each problem", () => {
    const template = ROSTER_COLUMNS.map((c) => c.header);
    expect(csvHeaderProblems(`\uFEFF${template.join(',')}`, 'ADD_UPDATE')).toEqual([]);
    const problems = csvHeaderProblems(template.map((h) => (h === 'Date of Birth' ? 'Date of Brith' : h)).join(','), 'ADD_UPDATE');
    expect(problems.join(' ')).toMatch(/Date of Brith/);
    expect(problems.join(' ')).toMatch(/Date of Birth/);
    expect(csvHeaderProblems('Name,Address', 'ADD_UPDATE').length).toBeGreaterThan(1);
  });

  it('reads CSV fields with quotes, commas and doubled quotes inside them', () => {
    expect(csvFields('NPI,"Last, Name","Say ""hi""",')).toEqual(['NPI', 'Last, Name', 'Say "hi"', '']);
  });

  it('refuses, before sending, a CSV whose header is not the template (and lets the template through)', async () => {
    const header = ROSTER_COLUMNS.map((c) => c.header).join(',');
    const good = new File([`${header}\r\n1234567893,Souza`], 'roster.csv');
    const bad = new File(['NPI;Last Name;First Name\n'], 'roster.csv');
    expect(await rosterFileRefusal(good, 'ADD_UPDATE')).toBeNull();
    const refusal = await rosterFileRefusal(bad, 'ADD_UPDATE');
    expect(refusal?.message).toMatch(/roster\.csv is not the approved roster template/);
    expect(refusal?.details.length).toBeGreaterThan(0);
    // An Excel file's header is upload-service's to check.
    expect(await rosterFileRefusal(new File(['PK'], 'roster.xlsx'), 'ADD_UPDATE')).toBeNull();
  });

  it('writes sizes for people', () => {
    expect([formatBytes(900), formatBytes(2048), formatBytes(3 * 1024 * 1024)]).toEqual(['900 bytes', '2.0 KB', '3.0 MB']);
  });
});

describe('the roster upload steps', () => {
  const file = { name: 'roster.csv', size: 1200 };
  const run = (...events: RosterUploadEvent[]): RosterUploadState =>
    events.reduce<RosterUploadState>((state, event) => rosterUploadReducer(state, event), initialRosterUpload());

  it('goes as the job aid says: Roster Import Type → Next → Upload Files → X → Next → Save and Continue → case', () => {
    const steps: string[] = [];
    let state = initialRosterUpload();
    for (const event of [
      { type: 'choose-import-type', importType: 'ADD_UPDATE' },
      { type: 'next' },
      { type: 'choose-file', file },
      { type: 'close-window' },
      { type: 'next' },
      { type: 'save' },
      { type: 'progress', loaded: 600, total: 1200 },
      { type: 'accepted', uploadId: 'u-1' },
      { type: 'case-opened', caseNumber: 'RI-2026-000042' },
    ] as RosterUploadEvent[]) {
      state = rosterUploadReducer(state, event);
      steps.push(state.step);
    }
    expect(steps).toEqual(['import-type', 'upload-files', 'upload-files', 'upload-files', 'save', 'sending', 'sending', 'opening-case', 'case-created']);
    expect(state).toMatchObject({ importType: 'ADD_UPDATE', file, uploadId: 'u-1', caseNumber: 'RI-2026-000042', problem: null });
  });

  it('opens the Upload Files window when a file is chosen, and X closes it', () => {
    const chosen = run({ type: 'choose-import-type', importType: 'TERMINATE' }, { type: 'next' }, { type: 'choose-file', file });
    expect(chosen.windowOpen).toBe(true);
    expect(rosterUploadReducer(chosen, { type: 'close-window' })).toMatchObject({ windowOpen: false, file });
  });

  it('does not go on without an import type, or without a file', () => {
    expect(run({ type: 'next' })).toMatchObject({ step: 'import-type', problem: { message: 'Select a Roster Import Type: Add/Update or Terminate.' } });
    expect(run({ type: 'choose-import-type', importType: 'ADD_UPDATE' }, { type: 'next' }, { type: 'next' })).toMatchObject({
      step: 'upload-files',
      problem: { message: expect.stringMatching(/^Upload a roster file first: click Upload Files/) },
    });
  });

  it('refuses a file that is not a roster before anything is sent', () => {
    const state = run({ type: 'choose-import-type', importType: 'ADD_UPDATE' }, { type: 'next' }, { type: 'choose-file', file: { name: 'notes.docx', size: 10 } });
    expect(state).toMatchObject({ step: 'upload-files', file: null, windowOpen: false, problem: { message: expect.stringMatching(/notes\.docx is not a roster file/) } });
    expect(rosterUploadReducer(state, { type: 'next' }).step).toBe('upload-files');
  });

  it('goes back to Upload Files with the reasons when the service refuses the file, keeping the import type', () => {
    const sending = run({ type: 'choose-import-type', importType: 'ADD_UPDATE' }, { type: 'next' }, { type: 'choose-file', file }, { type: 'next' }, { type: 'save' });
    const refused = rosterUploadReducer(sending, { type: 'failed', message: 'The file was not accepted', details: ['DOB: unknown column'] });
    expect(refused).toMatchObject({ step: 'upload-files', importType: 'ADD_UPDATE', file: null, problem: { message: 'The file was not accepted', details: ['DOB: unknown column'] } });
  });

  it('ignores events out of turn: no save before the file, no second send', () => {
    const atType = run({ type: 'save' });
    expect(atType.step).toBe('import-type');
    const sending = run({ type: 'choose-import-type', importType: 'ADD_UPDATE' }, { type: 'next' }, { type: 'choose-file', file }, { type: 'next' }, { type: 'save' });
    expect(rosterUploadReducer(sending, { type: 'save' })).toBe(sending);
    expect(rosterUploadReducer(sending, { type: 'back' })).toBe(sending);
  });

  it('starts again from the import type after a case was created', () => {
    expect(rosterUploadReducer(run({ type: 'choose-import-type', importType: 'ADD_UPDATE' }), { type: 'start-again' })).toEqual(initialRosterUpload());
  });
});
