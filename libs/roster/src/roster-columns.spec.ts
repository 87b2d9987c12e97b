import { ROSTER_COLUMNS } from './roster-columns';

describe('ROSTER_COLUMNS', () => {
  it('keeps the template headers of the contract, in order', () => {
    expect(ROSTER_COLUMNS.map((c) => c.header)).toEqual([
      'NPI',
      'Last Name',
      'First Name',
      'Middle Name',
      'Suffix',
      'Gender',
      'Date of Birth',
      'Provider Type',
      'Primary Taxonomy',
      'License Number',
      'License State',
      'License Expiration Date',
      'DEA Number',
      'CAQH Provider ID',
      'Service Location',
      'Effective Date',
      'End Date',
      'Email',
      'Phone',
    ]);
  });

  it('requires for TERMINATE only NPI, Service Location and End Date', () => {
    expect(ROSTER_COLUMNS.filter((c) => (c.requiredFor as readonly string[]).includes('TERMINATE')).map((c) => c.key)).toEqual([
      'npi',
      'serviceLocation',
      'endDate',
    ]);
  });

  it('gives each alias to one column only and never reuses a header', () => {
    const loose = (s: string) => s.toLowerCase().replace(/[^a-z0-9]/g, '');
    const owner = new Map<string, string>();
    for (const column of ROSTER_COLUMNS) {
      for (const name of [column.header, ...column.aliases]) {
        const key = loose(name);
        expect([key, owner.get(key) ?? column.key]).toEqual([key, column.key]);
        owner.set(key, column.key);
      }
    }
  });
});
