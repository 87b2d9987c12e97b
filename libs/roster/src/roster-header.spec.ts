import { ROSTER_COLUMNS } from './roster-columns';
import { type HeaderMatch, type HeaderProblem, matchRosterHeader } from './roster-header';

const TEMPLATE = ROSTER_COLUMNS.map((c) => c.header);
const TERMINATE_MINIMUM = ['NPI', 'Service Location', 'End Date'];

function problemsOf(match: HeaderMatch): HeaderProblem[] {
  if (match.ok) throw new Error('expected the header to be refused');
  return match.problems;
}

/** The template with one header replaced (or removed, for undefined). */
function templateWith(header: string, replacement: string | undefined): string[] {
  return TEMPLATE.flatMap((h) => (h === header ? (replacement === undefined ? [] : [replacement]) : [h]));
}

describe('matchRosterHeader', () => {
  it('accepts the template and maps each column key to its cell index', () => {
    const match = matchRosterHeader(TEMPLATE, 'ADD_UPDATE');
    expect(match).toEqual({ ok: true, columns: Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c.key, i])) });
  });

  it('ignores case, surrounding and repeated spaces, a BOM on the first cell and the order of columns', () => {
    const moved = ['Date of Birth', 'Phone', 'Last Name', 'Effective Date'];
    const cells = [
      '\uFEFF date of birth',
      '  PHONE ',
      'last   name',
      'Effective\u00A0Date', // a no-break space, as Excel sometimes writes it
      ...TEMPLATE.filter((h) => !moved.includes(h)),
    ];
    const match = matchRosterHeader(cells, 'ADD_UPDATE');
    if (!match.ok) throw new Error(JSON.stringify(match.problems));
    expect(match.columns).toEqual(
      expect.objectContaining({ dateOfBirth: 0, phone: 1, lastName: 2, effectiveDate: 3, npi: 4, firstName: 5, endDate: 17, email: 18 }),
    );
    expect(Object.keys(match.columns)).toHaveLength(19);
  });

  it('accepts a BOM in front of NPI on a minimal Terminate file', () => {
    expect(matchRosterHeader(['\uFEFFNPI', 'service location', 'END DATE'], 'TERMINATE')).toEqual({
      ok: true,
      columns: { npi: 0, serviceLocation: 1, endDate: 2 },
    });
  });

  it('ignores empty cells after the last header (trailing commas, formatted xlsx cells)', () => {
    expect(matchRosterHeader([...TERMINATE_MINIMUM, '', '  ', null, undefined], 'TERMINATE').ok).toBe(true);
  });

  it('reads xlsx rich-text and formula header cells', () => {
    const match = matchRosterHeader(
      [{ richText: [{ text: 'N' }, { text: 'PI' }] }, { formula: 'x', result: 'Service Location' }, 'End Date'],
      'TERMINATE',
    );
    expect(match.ok).toBe(true);
  });

  describe('required columns depend on the import type', () => {
    it('Add/Update needs NPI, names, date of birth, provider type, taxonomy, service location and effective date', () => {
      const problems = problemsOf(matchRosterHeader(TERMINATE_MINIMUM, 'ADD_UPDATE'));
      expect(problems.map((p) => [p.code, p.column])).toEqual([
        ['MISSING_COLUMN', 'Last Name'],
        ['MISSING_COLUMN', 'First Name'],
        ['MISSING_COLUMN', 'Date of Birth'],
        ['MISSING_COLUMN', 'Provider Type'],
        ['MISSING_COLUMN', 'Primary Taxonomy'],
        ['MISSING_COLUMN', 'Effective Date'],
      ]);
      expect(problems[2].message).toBe('The required column "Date of Birth" is missing; it is required on an Add/Update roster.');
    });

    it('Terminate needs only NPI, Service Location and End Date', () => {
      expect(matchRosterHeader(TERMINATE_MINIMUM, 'TERMINATE').ok).toBe(true);
      expect(problemsOf(matchRosterHeader(templateWith('End Date', undefined), 'TERMINATE'))).toEqual([
        {
          code: 'MISSING_COLUMN',
          column: 'End Date',
          message: 'The required column "End Date" is missing; it is required on a Terminate roster.',
        },
      ]);
    });

    it('Add/Update does not need End Date or the optional columns', () => {
      const optional = [
        'Middle Name',
        'Suffix',
        'Gender',
        'License Number',
        'License State',
        'License Expiration Date',
        'DEA Number',
        'CAQH Provider ID',
        'End Date',
        'Email',
        'Phone',
      ];
      expect(
        matchRosterHeader(
          TEMPLATE.filter((h) => !optional.includes(h)),
          'ADD_UPDATE',
        ).ok,
      ).toBe(true);
    });
  });

  describe('unknown columns', () => {
    it('refuses a misspelt header and suggests the template one', () => {
      const problems = problemsOf(matchRosterHeader(templateWith('First Name', 'Frist Name'), 'ADD_UPDATE'));
      expect(problems).toEqual([
        {
          code: 'UNKNOWN_COLUMN',
          column: 'Frist Name',
          position: 3,
          suggestion: 'First Name',
          message: 'Column "Frist Name" is not in the roster template — did you mean "First Name"?',
        },
        expect.objectContaining({ code: 'MISSING_COLUMN', column: 'First Name' }),
      ]);
    });

    it.each([
      ['Last_Name', 'Last Name'],
      ['last-name', 'Last Name'],
      ['LastName', 'Last Name'],
      ['E-mail', 'Email'],
      ['CAQH Provider Id#', 'CAQH Provider ID'],
      ['Licence Number', 'License Number'],
      ['Taxonmy', 'Primary Taxonomy'],
      ['DOB', 'Date of Birth'],
      ['Date Of  Birth.', 'Date of Birth'],
      ['Birth Date', 'Date of Birth'],
      ['Taxonomy', 'Primary Taxonomy'],
      ['Taxonomy Code', 'Primary Taxonomy'],
      ['SL', 'Service Location'],
      ['Effective', 'Effective Date'],
      ['Start Date', 'Effective Date'],
      ['Termination Date', 'End Date'],
      ['Sex', 'Gender'],
      ['CAQH ID', 'CAQH Provider ID'],
      ['DEA #', 'DEA Number'],
      ['Phone Number', 'Phone'],
      ['Gendr', 'Gender'],
      ['Frst Nme', 'First Name'], // two letters missing
      ['Provder Tpe', 'Provider Type'],
    ])('suggests for %p the column %p, without matching it', (written, suggestion) => {
      const column = ROSTER_COLUMNS.find((c) => c.header === suggestion);
      if (!column) throw new Error(suggestion);
      const problems = problemsOf(matchRosterHeader(templateWith(suggestion, written), 'ADD_UPDATE'));
      expect(problems[0]).toEqual(
        expect.objectContaining({
          code: 'UNKNOWN_COLUMN',
          column: written.replace(/\s+/g, ' '),
          suggestion,
          message: `Column "${written.replace(/\s+/g, ' ')}" is not in the roster template — did you mean "${suggestion}"?`,
        }),
      );
    });

    it.each(['Zip', 'Notes', 'Address', 'State', 'Specialty', 'ID', 'X'])('names %p without a suggestion', (written) => {
      const problems = problemsOf(matchRosterHeader([...TEMPLATE, written], 'ADD_UPDATE'));
      expect(problems).toEqual([
        {
          code: 'UNKNOWN_COLUMN',
          column: written,
          position: 20,
          message: `Column "${written}" is not in the roster template; remove it or rename it to a template column.`,
        },
      ]);
    });

    it('does not suggest a column the file already has', () => {
      const problems = problemsOf(matchRosterHeader([...TEMPLATE, 'DOB'], 'ADD_UPDATE'));
      expect(problems).toHaveLength(1);
      expect(problems[0].suggestion).toBeUndefined();
    });
  });

  it('refuses a duplicated column, naming both positions', () => {
    const problems = problemsOf(matchRosterHeader([...TEMPLATE, ' npi '], 'ADD_UPDATE'));
    expect(problems).toEqual([
      {
        code: 'DUPLICATE_COLUMN',
        column: 'npi',
        position: 20,
        message: 'Column "NPI" appears more than once (columns A and T); keep only one.',
      },
    ]);
  });

  it('refuses an empty header cell between columns, naming its position', () => {
    const problems = problemsOf(matchRosterHeader(['NPI', '', 'Service Location', '  ', 'End Date'], 'TERMINATE'));
    expect(problems).toEqual([
      {
        code: 'BLANK_COLUMN',
        column: '',
        position: 2,
        message: 'Column B has no header; remove the empty column or give it a header from the roster template.',
      },
      expect.objectContaining({ code: 'BLANK_COLUMN', position: 4, message: expect.stringContaining('Column D has no header') }),
    ]);
  });

  it('lists every problem of a header at once, in column order, missing columns last', () => {
    const problems = problemsOf(matchRosterHeader(['NPI', 'Frist Name', '', 'NPI', 'Zip', 'Service Location'], 'TERMINATE'));
    expect(problems.map((p) => [p.code, p.position])).toEqual([
      ['UNKNOWN_COLUMN', 2],
      ['BLANK_COLUMN', 3],
      ['DUPLICATE_COLUMN', 4],
      ['UNKNOWN_COLUMN', 5],
      ['MISSING_COLUMN', undefined],
    ]);
  });

  it('cuts a very long header short in the problem', () => {
    const [problem] = problemsOf(matchRosterHeader([...TEMPLATE, 'x'.repeat(5000)], 'ADD_UPDATE'));
    expect(problem.column).toBe(`${'x'.repeat(100)}…`);
  });

  it('refuses an empty header row with every required column missing', () => {
    expect(problemsOf(matchRosterHeader([], 'TERMINATE')).map((p) => p.column)).toEqual(TERMINATE_MINIMUM);
  });
});
