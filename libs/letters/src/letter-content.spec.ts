import { linkRequestProcessed } from '@rosterlink/testing';
import { formatLetterDate, letterContentFrom, letterKindOf, uspsAddressLines } from './letter-content';

describe('letterKindOf', () => {
  it.each([
    ['LINK', 'APPROVED', 'link-approved'],
    ['LINK', 'DENIED', 'link-denied'],
    ['UNLINK', 'APPROVED', 'unlink-approved'],
    ['UNLINK', 'DENIED', 'unlink-denied'],
  ] as const)('%s %s is %s', (kind, decision, letterKind) => {
    expect(letterKindOf({ kind, decision })).toBe(letterKind);
  });

  it('refuses a kind or decision it does not know', () => {
    expect(() => letterKindOf({ kind: 'RELINK' as 'LINK', decision: 'APPROVED' })).toThrow(/RELINK/);
    expect(() => letterKindOf({ kind: 'LINK', decision: 'PENDING' as 'DENIED' })).toThrow(/PENDING/);
  });
});

describe('uspsAddressLines', () => {
  it('capitalises and ends with CITY ST ZIP', () => {
    expect(uspsAddressLines({ line1: '12 Water St', line2: 'Suite 4', city: 'Boston', state: 'MA', zip: '02109' })).toEqual([
      '12 WATER ST',
      'SUITE 4',
      'BOSTON MA 02109',
    ]);
  });

  it('leaves out an absent or blank second line and keeps ZIP+4', () => {
    expect(uspsAddressLines({ line1: '1 Main St', city: 'Worcester', state: 'MA', zip: '01608-1234' })).toEqual([
      '1 MAIN ST',
      'WORCESTER MA 01608-1234',
    ]);
    expect(uspsAddressLines({ line1: '1 Main St', line2: '  ', city: 'Worcester', state: 'MA', zip: '01608' })).toEqual([
      '1 MAIN ST',
      'WORCESTER MA 01608',
    ]);
  });

  it('drops punctuation and extra spaces, keeping # and hyphens', () => {
    expect(uspsAddressLines({ line1: ' 100  Main St., Apt #2-B ', city: 'St. Johnsbury', state: 'vt', zip: '05819' })).toEqual([
      '100 MAIN ST APT #2-B',
      'ST JOHNSBURY VT 05819',
    ]);
  });
});

describe('formatLetterDate', () => {
  it('writes the date out', () => {
    expect(formatLetterDate('2025-03-04')).toBe('March 4, 2025');
    expect(formatLetterDate('2024-12-31')).toBe('December 31, 2024');
  });

  it('refuses what is not a calendar date', () => {
    expect(() => formatLetterDate('2025-02-30')).toThrow(/YYYY-MM-DD/);
    expect(() => formatLetterDate('3/4/2025')).toThrow(/YYYY-MM-DD/);
  });
});

describe('letterContentFrom', () => {
  it('carries the request, the letter date and the USPS recipient block', () => {
    expect(letterContentFrom(linkRequestProcessed(), '2025-03-12')).toEqual({
      kind: 'link-approved',
      letterDate: '2025-03-12',
      recipient: { name: 'Harbor Family Medicine', addressLines: ['12 WATER ST', 'SUITE 4', 'BOSTON MA 02109'] },
      requestId: '6f1c2a9e-4b7d-4e2a-9c31-8d5e0f7a2b14',
      pidsl: '110000001A',
      groupId: '110000001',
      serviceLocation: 'A',
      provider: { providerId: '210000042', npi: '1234567893', firstName: 'Ana', lastName: 'Souza' },
      effectiveDate: '2025-03-03',
    });
  });

  it('keeps the reason and dates of a denial', () => {
    const content = letterContentFrom(
      linkRequestProcessed({ kind: 'UNLINK', decision: 'DENIED', reason: ' End date is before the request date. ', effectiveDate: undefined, endDate: '2025-01-31' }),
      '2025-03-12',
    );
    expect(content).toMatchObject({ kind: 'unlink-denied', reason: 'End date is before the request date.', endDate: '2025-01-31' });
    expect(content).not.toHaveProperty('effectiveDate');
  });

  it('refuses to write a letter with a blank in it', () => {
    expect(() => letterContentFrom(linkRequestProcessed({ effectiveDate: undefined }), '2025-03-12')).toThrow(/effectiveDate/);
    expect(() => letterContentFrom(linkRequestProcessed({ kind: 'UNLINK', endDate: undefined }), '2025-03-12')).toThrow(/endDate/);
    expect(() => letterContentFrom(linkRequestProcessed({ decision: 'DENIED', reason: '  ' }), '2025-03-12')).toThrow(/reason/);
  });

  it('refuses a letter date that is not YYYY-MM-DD', () => {
    expect(() => letterContentFrom(linkRequestProcessed(), '2025-03-12T10:00:00Z')).toThrow(/letterDate/);
  });
});
