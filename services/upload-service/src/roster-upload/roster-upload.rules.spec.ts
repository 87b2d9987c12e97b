import { CASE_STATUSES, SUPERSEDABLE_CASE_STATUSES } from '@rosterlink/contracts';
import {
  duplicateRefusal,
  isCaseOpen,
  isReplaceable,
  OPENED_CASE_STATUS,
  replaceRefusal,
  uploadRefusals,
} from './roster-upload.rules';

const upload = { uploadId: 'u-1', caseNumber: 'RI-2026-000042', caseStatus: 'NEW' as const };

describe('roster upload rules', () => {
  it("holds a case open until it is opened and while it is not final (the contract's FINAL_CASE_STATUSES)", () => {
    expect(isCaseOpen(null)).toBe(true);
    expect(CASE_STATUSES.filter(isCaseOpen)).toEqual(['NEW', 'PROCESSING']);
    expect(OPENED_CASE_STATUS).toBe('NEW');
  });

  it('lets a revised file replace only a NEW or REJECTED case', () => {
    expect(SUPERSEDABLE_CASE_STATUSES).toEqual(['NEW', 'REJECTED']);
    expect(CASE_STATUSES.filter(isReplaceable)).toEqual(['NEW', 'REJECTED']);
    expect(isReplaceable(null)).toBe(false);
  });

  it('refuses the same file while its earlier case is open, naming the case or the upload', () => {
    expect(duplicateRefusal(null)).toBeNull();
    expect(duplicateRefusal(upload)).toEqual({
      kind: 'conflict',
      body: {
        message: 'This file is already on case RI-2026-000042 (NEW); process or replace that case',
        caseNumber: 'RI-2026-000042',
        uploadId: 'u-1',
      },
    });
    expect(duplicateRefusal({ uploadId: 'u-1', caseNumber: null, caseStatus: null })).toEqual({
      kind: 'conflict',
      body: { message: 'This file was uploaded moments ago (upload u-1); its case is being opened', caseNumber: undefined, uploadId: 'u-1' },
    });
  });

  it("refuses a revision of another group's case or of an unknown one (422), and of a case past replacing (409)", () => {
    expect(replaceRefusal('110000001', 'RI-2026-000042', null)).toEqual({
      kind: 'unprocessable',
      body: {
        message: 'Case RI-2026-000042 is not a roster-import case of group 110000001',
        details: [{ field: 'supersedesCaseNumber', message: 'no such case for this group' }],
      },
    });
    expect(replaceRefusal('110000001', 'RI-2026-000042', { ...upload, caseStatus: 'COMPLETED' })).toEqual({
      kind: 'conflict',
      body: {
        message: 'Case RI-2026-000042 is COMPLETED; a revised file can replace only a NEW or REJECTED case',
        caseNumber: 'RI-2026-000042',
        status: 'COMPLETED',
      },
    });
    expect(replaceRefusal('110000001', 'RI-2026-000042', upload)).toBeNull();
    expect(replaceRefusal('110000001', 'RI-2026-000042', { ...upload, caseStatus: 'REJECTED' })).toBeNull();
  });

  it('words a group out of reach as not found', () => {
    expect(uploadRefusals.groupNotFound('110000001')).toBe('Group 110000001 not found');
  });
});
