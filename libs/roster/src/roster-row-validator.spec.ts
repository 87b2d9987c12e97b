import type { ImportType } from '@rosterlink/contracts/browser';
import type { RosterCell, RowError } from './roster-cell';
import { ROSTER_COLUMNS, type RosterColumnKey } from './roster-columns';
import { matchRosterHeader, type RosterColumnIndex } from './roster-header';
import { createRowValidator, isBlankRow, type RosterRecord } from './roster-row-validator';

type RowValues = Partial<Record<RosterColumnKey, RosterCell>>;

const TODAY = '2026-02-15';
const ALL_COLUMNS: RosterColumnIndex = Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.key, i]));

/** A complete, valid Add/Update row as a practice manager would type it. */
const GOOD: RowValues = {
  npi: '1234567893',
  lastName: ' Souza ',
  firstName: 'Ana',
  middleName: '',
  suffix: '',
  gender: 'f',
  dateOfBirth: '1980-05-17',
  providerType: 'Nurse Practitioner',
  primaryTaxonomy: '363lf0000x',
  licenseNumber: ' RN-123456 ',
  licenseState: 'ma',
  licenseExpirationDate: '12/31/2027',
  deaNumber: 'ab1234563',
  caqhProviderId: '12345678',
  serviceLocation: 'b',
  effectiveDate: '2026-03-01',
  endDate: '',
  email: 'ana.souza@harbor-fm.org',
  phone: '(617) 555-0123',
};

const TERMINATE_GOOD: RowValues = { npi: '1234567893', serviceLocation: 'A', endDate: '2026-06-30' };

function cellsOf(values: RowValues, columns: RosterColumnIndex = ALL_COLUMNS): RosterCell[] {
  const cells: RosterCell[] = [];
  for (const [key, index] of Object.entries(columns)) cells[index as number] = values[key as RosterColumnKey];
  return cells;
}

function validate(
  values: RowValues,
  importType: ImportType = 'ADD_UPDATE',
  columns: RosterColumnIndex = ALL_COLUMNS,
): { record: RosterRecord | undefined; errors: RowError[] } {
  const validator = createRowValidator({ importType, columns, today: TODAY, serviceLocations: new Set(['A', 'B']) });
  const errors: RowError[] = [];
  const record = validator.validate(cellsOf(values, columns), 7, errors);
  return { record, errors };
}

/** Validate the good row with some values changed. */
function withValues(changes: RowValues, importType: ImportType = 'ADD_UPDATE') {
  return validate({ ...(importType === 'TERMINATE' ? TERMINATE_GOOD : GOOD), ...changes }, importType);
}

function codes(changes: RowValues, importType: ImportType = 'ADD_UPDATE'): string[] {
  return withValues(changes, importType).errors.map((e) => `${e.column}: ${e.code}`);
}

function accepts(changes: RowValues, importType: ImportType = 'ADD_UPDATE'): RosterRecord {
  const { record, errors } = withValues(changes, importType);
  expect(errors).toEqual([]);
  if (!record) throw new Error('no record');
  return record;
}

describe('createRowValidator', () => {
  it('returns the normalized record of a valid row', () => {
    expect(validate(GOOD)).toEqual({
      errors: [],
      record: {
        npi: '1234567893',
        lastName: 'Souza',
        firstName: 'Ana',
        middleName: null,
        suffix: null,
        gender: 'F',
        dateOfBirth: '1980-05-17',
        providerType: 'NURSE_PRACTITIONER',
        primaryTaxonomy: '363LF0000X',
        licenseNumber: 'RN-123456',
        licenseState: 'MA',
        licenseExpirationDate: '2027-12-31',
        deaNumber: 'AB1234563',
        caqhProviderId: '12345678',
        serviceLocation: 'B',
        effectiveDate: '2026-03-01',
        endDate: null,
        email: 'ana.souza@harbor-fm.org',
        phone: '6175550123',
      },
    });
  });

  it('reads an xlsx row: NPI, CAQH ID and phone as numbers, dates as UTC Date cells', () => {
    const record = accepts({
      npi: 1234567893,
      caqhProviderId: 12345678,
      phone: 6175550123,
      dateOfBirth: new Date(Date.UTC(1980, 4, 17)),
      effectiveDate: new Date(Date.UTC(2026, 2, 1)),
      licenseExpirationDate: new Date(Date.UTC(2027, 11, 31)),
      middleName: null,
      suffix: undefined,
    });
    expect(record).toEqual(
      expect.objectContaining({
        npi: '1234567893',
        caqhProviderId: '12345678',
        phone: '6175550123',
        dateOfBirth: '1980-05-17',
        effectiveDate: '2026-03-01',
        licenseExpirationDate: '2027-12-31',
        middleName: null,
        suffix: null,
      }),
    );
  });

  it('reports every problem of a row, with its row number and template header, and returns no record', () => {
    const { record, errors } = withValues({ npi: '1234567890', gender: 'X', serviceLocation: 'C', email: 'ana@' });
    expect(record).toBeUndefined();
    expect(errors).toEqual([
      {
        row: 7,
        column: 'NPI',
        code: 'INVALID_NPI_CHECK_DIGIT',
        message: 'NPI 1234567890 is not a valid NPI: its check digit does not match; check it for a typo.',
      },
      { row: 7, column: 'Gender', code: 'INVALID_GENDER', message: 'Gender "X" must be M, F, O or U.' },
      {
        row: 7,
        column: 'Service Location',
        code: 'UNKNOWN_SERVICE_LOCATION',
        message: "Service Location C is not a location of this group; this group's locations are A, B.",
      },
      { row: 7, column: 'Email', code: 'INVALID_EMAIL', message: 'Email "ana@" is not a valid e-mail address.' },
    ]);
  });

  it('compiles once and resets between rows: a bad row does not leak into the next', () => {
    const validator = createRowValidator({
      importType: 'ADD_UPDATE',
      columns: ALL_COLUMNS,
      today: TODAY,
      serviceLocations: new Set(['A', 'B']),
    });
    const errors: RowError[] = [];
    expect(validator.validate(cellsOf({ ...GOOD, licenseNumber: '', licenseState: 'XX' }), 2, errors)).toBeUndefined();
    expect(validator.validate(cellsOf(GOOD), 3, errors)).toEqual(expect.objectContaining({ licenseState: 'MA' }));
    expect(validator.validate(cellsOf({ ...GOOD, middleName: 'Q' }), 4, errors)?.middleName).toBe('Q');
    expect(validator.validate(cellsOf(GOOD), 5, errors)?.middleName).toBeNull();
    expect(errors.map((e) => [e.row, e.code])).toEqual([
      [2, 'INVALID_LICENSE_STATE'],
      [2, 'LICENSE_INCOMPLETE'],
    ]);
  });

  it('refuses a context whose business date is not YYYY-MM-DD', () => {
    expect(() =>
      createRowValidator({ importType: 'ADD_UPDATE', columns: ALL_COLUMNS, today: '02/15/2026', serviceLocations: new Set() }),
    ).toThrow(/today/);
  });

  describe('NPI', () => {
    it.each(['1234567893', '1000000004', '9999999995', '1987654328', ' 1234567893 '])('accepts %p', (npi) => {
      expect(accepts({ npi }).npi).toBe(String(npi).trim());
    });

    it.each(['123456789', '12345678931', '123456789A', '1234-567893', '1234567893.5', 'NPI'])('refuses %p as not 10 digits', (npi) => {
      const { errors } = withValues({ npi });
      expect(errors).toEqual([
        expect.objectContaining({ column: 'NPI', code: 'INVALID_NPI_FORMAT', message: `NPI "${npi}" must be exactly 10 digits.` }),
      ]);
    });

    it.each(['1234567890', '1000000005', '9999999994', '2234567893'])('refuses %p for its check digit', (npi) => {
      expect(codes({ npi })).toEqual(['NPI: INVALID_NPI_CHECK_DIGIT']);
    });

    it('refuses a non-integer number cell', () => {
      expect(codes({ npi: 1234567893.5 })).toEqual(['NPI: INVALID_NPI_FORMAT']);
    });

    it.each<ImportType>(['ADD_UPDATE', 'TERMINATE'])('is required for %s', (importType) => {
      expect(codes({ npi: '  ' }, importType)).toEqual(['NPI: REQUIRED']);
      expect(codes({ npi: null }, importType)).toEqual(['NPI: REQUIRED']);
    });
  });

  describe('names', () => {
    const fifty = 'A'.repeat(50);

    it.each<RosterColumnKey>(['lastName', 'firstName'])('%s is required for Add/Update, 1–50 characters after trimming', (key) => {
      const header = ROSTER_COLUMNS.find((c) => c.key === key)?.header;
      expect(accepts({ [key]: 'A' })[key]).toBe('A');
      expect(accepts({ [key]: `  ${fifty} ` })[key]).toBe(fifty);
      expect(withValues({ [key]: `${fifty}B` }).errors).toEqual([
        expect.objectContaining({ column: header, code: 'TOO_LONG', message: `${header} is 51 characters long; at most 50 are allowed.` }),
      ]);
      expect(codes({ [key]: '   ' })).toEqual([`${header}: REQUIRED`]);
      expect(withValues({ [key]: '' }).errors[0].message).toBe(`${header} is required.`);
    });

    it.each<RosterColumnKey>(['middleName', 'suffix'])('%s is optional, at most 50 characters', (key) => {
      expect(accepts({ [key]: '' })[key]).toBeNull();
      expect(accepts({ [key]: 'Jr.' })[key]).toBe('Jr.');
      expect(accepts({ [key]: fifty })[key]).toBe(fifty);
      expect(codes({ [key]: `${fifty}B` })).toEqual([`${ROSTER_COLUMNS.find((c) => c.key === key)?.header}: TOO_LONG`]);
    });
  });

  describe('NUL characters', () => {
    it('reports a cell holding a NUL character as a row error, never accepting it (PostgreSQL text cannot store one)', () => {
      const { record, errors } = withValues({ lastName: 'Sou\0za', middleName: '\0' });
      expect(record).toBeUndefined();
      expect(errors).toEqual([
        { row: 7, column: 'Last Name', code: 'INVALID_CHARACTER', message: 'Last Name contains a NUL character (an invisible control character); retype the value.' },
        { row: 7, column: 'Middle Name', code: 'INVALID_CHARACTER', message: 'Middle Name contains a NUL character (an invisible control character); retype the value.' },
      ]);
      // The message never carries the character itself.
      expect(errors.every((e) => !e.message.includes('\0'))).toBe(true);
      expect(codes({ npi: '123456789\0' })).toEqual(['NPI: INVALID_CHARACTER']);
      expect(codes({ endDate: '2026-06-30\0' }, 'TERMINATE')).toEqual(['End Date: INVALID_CHARACTER']);
    });
  });

  describe('Gender', () => {
    it.each([
      ['M', 'M'],
      ['f', 'F'],
      [' o ', 'O'],
      ['u', 'U'],
      ['', null],
    ])('accepts %p as %p', (gender, normalized) => {
      expect(accepts({ gender }).gender).toBe(normalized);
    });

    it.each(['X', 'Male', 'female', 'MF', '1'])('refuses %p', (gender) => {
      expect(codes({ gender })).toEqual(['Gender: INVALID_GENDER']);
    });
  });

  describe('dates', () => {
    it.each([
      ['2026-03-01', '2026-03-01'],
      ['03/01/2026', '2026-03-01'],
      ['3/1/2026', '2026-03-01'],
    ])('accepts the effective date %p', (effectiveDate, iso) => {
      expect(accepts({ effectiveDate }).effectiveDate).toBe(iso);
    });

    it.each(['2026-02-30', '02/30/2026', '2026-13-01', '1/2/26', '2026.03.01', 'March 1', 'ASAP'])(
      'refuses the effective date %p',
      (effectiveDate) => {
        const { errors } = withValues({ effectiveDate });
        expect(errors).toEqual([
          {
            row: 7,
            column: 'Effective Date',
            code: 'INVALID_DATE',
            message: `Effective Date "${effectiveDate}" is not a valid date; write it as YYYY-MM-DD or MM/DD/YYYY.`,
          },
        ]);
      },
    );

    it('refuses a number in a date column (an Excel serial is not guessed) and an invalid Date cell', () => {
      expect(codes({ effectiveDate: 46082 })).toEqual(['Effective Date: INVALID_DATE']);
      expect(codes({ dateOfBirth: new Date('nonsense') })).toEqual(['Date of Birth: INVALID_DATE']);
    });

    it('refuses a date cell in a text column', () => {
      const { errors } = withValues({ licenseNumber: new Date(Date.UTC(2026, 0, 2)) });
      expect(errors).toEqual([
        expect.objectContaining({
          column: 'License Number',
          code: 'UNEXPECTED_DATE',
          message: 'License Number holds a date (2026-01-02); format the column as Text in the spreadsheet and re-enter the value.',
        }),
      ]);
    });
  });

  describe('Date of Birth', () => {
    it('is required for Add/Update', () => {
      expect(codes({ dateOfBirth: '' })).toEqual(['Date of Birth: REQUIRED']);
    });

    it('must be in the past', () => {
      const later = { effectiveDate: '2050-01-01', licenseExpirationDate: '' };
      expect(codes({ dateOfBirth: TODAY, ...later })).toEqual(['Date of Birth: DATE_OF_BIRTH_NOT_IN_PAST']);
      expect(codes({ dateOfBirth: '2030-01-01', ...later })).toEqual(['Date of Birth: DATE_OF_BIRTH_NOT_IN_PAST']);
      expect(accepts({ dateOfBirth: '2008-02-14', effectiveDate: '2026-02-14' }).dateOfBirth).toBe('2008-02-14');
    });

    it('refuses a year before 1900 as a typo', () => {
      expect(codes({ dateOfBirth: '1098-05-17' })).toEqual(['Date of Birth: IMPLAUSIBLE_DATE_OF_BIRTH']);
      expect(accepts({ dateOfBirth: '1900-01-01' }).dateOfBirth).toBe('1900-01-01');
    });

    it('makes the practitioner 18 on the effective date: the 18th birthday passes, the day before does not', () => {
      expect(accepts({ dateOfBirth: '2008-03-01', effectiveDate: '2026-03-01' }).dateOfBirth).toBe('2008-03-01');
      const { errors } = withValues({ dateOfBirth: '2008-03-02', effectiveDate: '2026-03-01' });
      expect(errors).toEqual([
        {
          row: 7,
          column: 'Date of Birth',
          code: 'UNDER_18',
          message:
            'The practitioner (Date of Birth 2008-03-02) is under 18 on the Effective Date 2026-03-01; practitioners must be 18 or older.',
        },
      ]);
      // across a year end, and with xlsx date cells
      expect(codes({ dateOfBirth: '2008-01-01', effectiveDate: '2025-12-31' })).toEqual(['Date of Birth: UNDER_18']);
      expect(accepts({ dateOfBirth: new Date(Date.UTC(2007, 11, 31)), effectiveDate: new Date(Date.UTC(2025, 11, 31)) }).dateOfBirth).toBe(
        '2007-12-31',
      );
    });

    it('lets someone born on 29 February turn 18 on 1 March of a common year', () => {
      expect(codes({ dateOfBirth: '2008-02-29', effectiveDate: '2026-02-28' })).toEqual(['Date of Birth: UNDER_18']);
      expect(accepts({ dateOfBirth: '2008-02-29', effectiveDate: '2026-03-01' }).dateOfBirth).toBe('2008-02-29');
    });
  });

  describe('Provider Type', () => {
    it.each([
      ['PHYSICIAN', 'PHYSICIAN'],
      ['physician', 'PHYSICIAN'],
      ['Nurse Practitioner', 'NURSE_PRACTITIONER'],
      ['speech-language pathologist', 'SPEECH_LANGUAGE_PATHOLOGIST'],
      ['  clinical   social worker ', 'CLINICAL_SOCIAL_WORKER'],
      ['orp', 'ORP'],
    ])('accepts %p as %p', (providerType, code) => {
      expect(accepts({ providerType }).providerType).toBe(code);
    });

    it.each(['Doctor', 'MD', 'PHYSICIANS', 'NURSE'])('refuses %p, listing the codes', (providerType) => {
      const { errors } = withValues({ providerType });
      expect(errors).toEqual([
        expect.objectContaining({
          column: 'Provider Type',
          code: 'INVALID_PROVIDER_TYPE',
          message: expect.stringMatching(
            new RegExp(
              `^Provider Type "${providerType}" is not a provider type code; use one of PHYSICIAN, NURSE_PRACTITIONER, .*, ORP\\.$`,
            ),
          ),
        }),
      ]);
    });

    it('is required for Add/Update', () => {
      expect(codes({ providerType: '' })).toEqual(['Provider Type: REQUIRED']);
    });
  });

  describe('Primary Taxonomy', () => {
    it.each([
      ['207Q00000X', '207Q00000X'],
      ['363lf0000x', '363LF0000X'],
      ['1223G0001X', '1223G0001X'],
    ])('accepts %p as %p', (primaryTaxonomy, code) => {
      expect(accepts({ primaryTaxonomy }).primaryTaxonomy).toBe(code);
    });

    it.each(['207Q0000X', '207Q000000X', '207Q00000Y', 'A07Q00000X', '20-Q00000X', '207Q 0000X'])('refuses %p', (primaryTaxonomy) => {
      expect(codes({ primaryTaxonomy })).toEqual(['Primary Taxonomy: INVALID_TAXONOMY']);
    });

    it('is required for Add/Update', () => {
      expect(codes({ primaryTaxonomy: '' })).toEqual(['Primary Taxonomy: REQUIRED']);
    });
  });

  describe('License Number and License State', () => {
    it('go together: a number without a state, or a state without a number, is refused', () => {
      const { errors } = withValues({ licenseState: '' });
      expect(errors).toEqual([
        {
          row: 7,
          column: 'License State',
          code: 'LICENSE_INCOMPLETE',
          message: 'License State is missing while License Number is filled in; give both or neither.',
        },
      ]);
      expect(codes({ licenseNumber: '' })).toEqual(['License Number: LICENSE_INCOMPLETE']);
      expect(codes({ licenseNumber: '', providerType: 'ORP' })).toEqual(['License Number: LICENSE_INCOMPLETE']);
    });

    it('are required for every provider type except ORP', () => {
      const { errors } = withValues({ licenseNumber: '', licenseState: '', providerType: 'physician' });
      expect(errors).toEqual([
        {
          row: 7,
          column: 'License Number',
          code: 'LICENSE_REQUIRED',
          message:
            'A license is required for provider type PHYSICIAN: fill in License Number and License State (only ORP providers may leave them blank).',
        },
      ]);
      const orp = accepts({ licenseNumber: '', licenseState: '', licenseExpirationDate: '', providerType: 'ORP' });
      expect([orp.licenseNumber, orp.licenseState]).toEqual([null, null]);
    });

    it('are required of a file without the license columns, unless the practitioner is ORP', () => {
      const columns = matchRosterHeader(
        ['NPI', 'Last Name', 'First Name', 'Date of Birth', 'Provider Type', 'Primary Taxonomy', 'Service Location', 'Effective Date'],
        'ADD_UPDATE',
      );
      if (!columns.ok) throw new Error('header');
      expect(validate(GOOD, 'ADD_UPDATE', columns.columns).errors.map((e) => e.code)).toEqual(['LICENSE_REQUIRED']);
      expect(validate({ ...GOOD, providerType: 'ORP' }, 'ADD_UPDATE', columns.columns).errors).toEqual([]);
    });

    it.each(['MA', 'ny', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP', ' ri '])('accepts the state or territory %p', (licenseState) => {
      expect(accepts({ licenseState }).licenseState).toBe(licenseState.trim().toUpperCase());
    });

    it.each(['XX', 'Mass', 'UK', 'M'])('refuses the state %p (and does not call the pair incomplete)', (licenseState) => {
      const { errors } = withValues({ licenseState });
      expect(errors).toEqual([
        expect.objectContaining({
          column: 'License State',
          code: 'INVALID_LICENSE_STATE',
          message: `License State "${licenseState}" is not a US state or territory code (e.g. MA).`,
        }),
      ]);
    });

    it('caps the license number at 50 characters', () => {
      expect(codes({ licenseNumber: '9'.repeat(51) })).toEqual(['License Number: TOO_LONG']);
    });
  });

  describe('License Expiration Date', () => {
    it('must be after the effective date', () => {
      expect(accepts({ licenseExpirationDate: '2026-03-02' }).licenseExpirationDate).toBe('2026-03-02');
      expect(accepts({ licenseExpirationDate: '' }).licenseExpirationDate).toBeNull();
      const { errors } = withValues({ licenseExpirationDate: '2026-03-01' });
      expect(errors).toEqual([
        {
          row: 7,
          column: 'License Expiration Date',
          code: 'LICENSE_EXPIRES_BEFORE_EFFECTIVE_DATE',
          message: 'License Expiration Date 2026-03-01 must be after the Effective Date 2026-03-01.',
        },
      ]);
      expect(codes({ licenseExpirationDate: '01/31/2026' })).toEqual(['License Expiration Date: LICENSE_EXPIRES_BEFORE_EFFECTIVE_DATE']);
      expect(codes({ licenseExpirationDate: '2026-02-31' })).toEqual(['License Expiration Date: INVALID_DATE']);
    });
  });

  describe('DEA Number', () => {
    it.each([
      ['AB1234563', 'AB1234563'],
      ['bj6125341', 'BJ6125341'],
      ['', null],
    ])('accepts %p as %p', (deaNumber, normalized) => {
      expect(accepts({ deaNumber }).deaNumber).toBe(normalized);
    });

    it.each(['A12345678', 'AB123456', 'AB12345631', '1B1234563', 'AB-1234563'])('refuses %p for its format', (deaNumber) => {
      const { errors } = withValues({ deaNumber });
      expect(errors).toEqual([
        expect.objectContaining({
          column: 'DEA Number',
          code: 'INVALID_DEA_FORMAT',
          message: `DEA Number "${deaNumber}" must be 2 letters followed by 7 digits.`,
        }),
      ]);
    });

    it.each(['AB1234560', 'ab1234564', 'MO7654321'])('refuses %p for its check digit', (deaNumber) => {
      expect(codes({ deaNumber })).toEqual(['DEA Number: INVALID_DEA_CHECK_DIGIT']);
    });
  });

  describe('CAQH Provider ID', () => {
    it.each([
      ['1', '1'],
      ['0012345', '0012345'],
      ['1234567890', '1234567890'],
      [12345678, '12345678'],
      ['', null],
    ])('accepts %p as %p', (caqhProviderId, normalized) => {
      expect(accepts({ caqhProviderId }).caqhProviderId).toBe(normalized);
    });

    it.each(['12345678901', '12A', 'CAQH-1', '-5', 12345678901])('refuses %p', (caqhProviderId) => {
      expect(codes({ caqhProviderId })).toEqual(['CAQH Provider ID: INVALID_CAQH_ID']);
    });
  });

  describe('Service Location', () => {
    it.each([
      ['A', 'A'],
      ['b', 'B'],
      [' B ', 'B'],
    ])('accepts %p as %p', (serviceLocation, sl) => {
      expect(accepts({ serviceLocation }).serviceLocation).toBe(sl);
    });

    it('must be a location of the group, naming its locations', () => {
      expect(withValues({ serviceLocation: 'c' }).errors).toEqual([
        expect.objectContaining({
          code: 'UNKNOWN_SERVICE_LOCATION',
          message: "Service Location C is not a location of this group; this group's locations are A, B.",
        }),
      ]);
      const validator = createRowValidator({ importType: 'TERMINATE', columns: ALL_COLUMNS, today: TODAY, serviceLocations: new Set() });
      const errors: RowError[] = [];
      validator.validate(cellsOf(TERMINATE_GOOD), 3, errors);
      expect(errors[0].message).toBe('Service Location A is not a location of this group; this group has no service locations on file.');
    });

    it.each(['AB', '1', 'A1', 'É', '110000001A'])('refuses %p as not one letter', (serviceLocation) => {
      expect(codes({ serviceLocation })).toEqual(['Service Location: INVALID_SERVICE_LOCATION']);
    });

    it.each<ImportType>(['ADD_UPDATE', 'TERMINATE'])('is required for %s', (importType) => {
      expect(codes({ serviceLocation: '' }, importType)).toEqual(['Service Location: REQUIRED']);
    });
  });

  describe('Effective Date and End Date', () => {
    it('Effective Date is required for Add/Update only', () => {
      expect(codes({ effectiveDate: '' })).toEqual(['Effective Date: REQUIRED']);
      expect(accepts({ effectiveDate: '' }, 'TERMINATE').endDate).toBe('2026-06-30');
    });

    it('End Date is required for Terminate only', () => {
      const { errors } = withValues({ endDate: '' }, 'TERMINATE');
      expect(errors).toEqual([{ row: 7, column: 'End Date', code: 'REQUIRED', message: 'End Date is required on a Terminate roster.' }]);
      expect(accepts({ endDate: '' }).endDate).toBeNull();
    });

    it('End Date is on or after the effective date', () => {
      expect(accepts({ endDate: '2026-03-01' }).endDate).toBe('2026-03-01');
      expect(accepts({ endDate: '12/31/2026' }).endDate).toBe('2026-12-31');
      const { errors } = withValues({ endDate: '2026-02-28' });
      expect(errors).toEqual([
        {
          row: 7,
          column: 'End Date',
          code: 'END_DATE_BEFORE_EFFECTIVE_DATE',
          message: 'End Date 2026-02-28 is before the Effective Date 2026-03-01; it must be on or after it.',
        },
      ]);
      expect(codes({ effectiveDate: '2026-07-01' }, 'TERMINATE')).toEqual(['End Date: END_DATE_BEFORE_EFFECTIVE_DATE']);
    });
  });

  describe('Email', () => {
    it.each(['ana.souza@harbor-fm.org', 'a+roster@mail.example.co.uk', "o'brien@x.io", ' ANA@EXAMPLE.ORG '])('accepts %p', (email) => {
      expect(accepts({ email }).email).toBe(email.trim());
    });

    it.each([
      'ana',
      'ana@',
      '@harbor.org',
      'ana@harbor',
      'ana souza@harbor.org',
      'ana@@harbor.org',
      'ana@harbor..org',
      '.ana@harbor.org',
      'ana@-harbor.org',
      'ana@harbor.o',
    ])('refuses %p', (email) => {
      expect(codes({ email })).toEqual(['Email: INVALID_EMAIL']);
    });
  });

  describe('Phone', () => {
    it.each([
      ['617-555-0123', '6175550123'],
      ['(617) 555 0123', '6175550123'],
      ['617.555.0123', '6175550123'],
      ['+1 617 555 0123', '6175550123'],
      ['1-617-555-0123', '6175550123'],
      ['6175550123', '6175550123'],
      [6175550123, '6175550123'],
      [16175550123, '6175550123'],
      ['', null],
    ])('accepts %p as %p', (phone, digits) => {
      expect(accepts({ phone }).phone).toBe(digits);
    });

    it.each(['555-0123', '617-555-01234', '617-555-0123 x12', '26175550123', '+44 20 7946 0958', 'CALL-ME-NOW'])('refuses %p', (phone) => {
      expect(codes({ phone })).toEqual(['Phone: INVALID_PHONE']);
    });
  });

  describe('Terminate rosters', () => {
    const terminateColumns: RosterColumnIndex = { npi: 0, serviceLocation: 1, endDate: 2 };

    it('need only NPI, Service Location and End Date', () => {
      expect(validate(TERMINATE_GOOD, 'TERMINATE', terminateColumns).errors).toEqual([]);
      expect(validate({}, 'TERMINATE', terminateColumns).errors.map((e) => `${e.column}: ${e.code}`)).toEqual([
        'NPI: REQUIRED',
        'Service Location: REQUIRED',
        'End Date: REQUIRED',
      ]);
    });

    it('check the other columns when present but do not apply them', () => {
      const { record, errors } = validate({ ...GOOD, endDate: '2026-06-30' }, 'TERMINATE');
      expect(errors).toEqual([]);
      expect(record).toEqual({
        npi: '1234567893',
        lastName: null,
        firstName: null,
        middleName: null,
        suffix: null,
        gender: null,
        dateOfBirth: null,
        providerType: null,
        primaryTaxonomy: null,
        licenseNumber: null,
        licenseState: null,
        licenseExpirationDate: null,
        deaNumber: null,
        caqhProviderId: null,
        serviceLocation: 'B',
        effectiveDate: null,
        endDate: '2026-06-30',
        email: null,
        phone: null,
      });
      expect(codes({ gender: 'X', dateOfBirth: '2026-02-30', deaNumber: 'AB1234560', licenseNumber: 'RN-1' }, 'TERMINATE')).toEqual([
        'Gender: INVALID_GENDER',
        'Date of Birth: INVALID_DATE',
        'DEA Number: INVALID_DEA_CHECK_DIGIT',
        'License State: LICENSE_INCOMPLETE',
      ]);
    });

    it('do not require names, date of birth, provider type, taxonomy, a license or an effective date', () => {
      expect(
        accepts(
          { lastName: '', firstName: '', dateOfBirth: '', providerType: 'PHYSICIAN', primaryTaxonomy: '', effectiveDate: '' },
          'TERMINATE',
        ),
      ).toEqual(expect.objectContaining({ npi: '1234567893', serviceLocation: 'A', endDate: '2026-06-30' }));
    });
  });

  it('Add/Update requires its columns on an otherwise empty row', () => {
    expect(validate({}).errors.map((e) => `${e.column}: ${e.code}`)).toEqual([
      'NPI: REQUIRED',
      'Last Name: REQUIRED',
      'First Name: REQUIRED',
      'Date of Birth: REQUIRED',
      'Provider Type: REQUIRED',
      'Primary Taxonomy: REQUIRED',
      'Service Location: REQUIRED',
      'Effective Date: REQUIRED',
    ]);
  });
});

describe('isBlankRow', () => {
  it('is true for rows of empty cells only', () => {
    expect(isBlankRow([])).toBe(true);
    expect(isBlankRow(['', '  ', null, undefined])).toBe(true);
    expect(isBlankRow(['', 0])).toBe(false);
    expect(isBlankRow([' ', 'x'])).toBe(false);
    expect(isBlankRow([new Date(0)])).toBe(false);
  });
});
