import { IMPORT_TYPES } from '@rosterlink/contracts/browser';
import { ROSTER_COLUMNS, rosterColumnRequirement } from './roster-columns';

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

  it('requires a license on Add/Update rows of every provider type but ORP, License Number and License State alike', () => {
    const [number, state] = ROSTER_COLUMNS.filter((c) => c.key === 'licenseNumber' || c.key === 'licenseState');
    for (const importType of IMPORT_TYPES) {
      // The validator checks the pair with License Number's requirement: License State's must be the same.
      expect(rosterColumnRequirement(state, importType)).toEqual(rosterColumnRequirement(number, importType));
    }
    expect(rosterColumnRequirement(number, 'ADD_UPDATE')).toEqual({ required: true, exceptProviderTypes: ['ORP'] });
    expect(rosterColumnRequirement(number, 'TERMINATE')).toEqual({ required: false, exceptProviderTypes: [] });
  });
});
