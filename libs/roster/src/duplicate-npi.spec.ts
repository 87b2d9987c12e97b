import type { RowError } from './roster-cell';
import { createDuplicateNpiCheck } from './duplicate-npi';

describe('createDuplicateNpiCheck', () => {
  it('reports the later row of a repeated NPI, naming the first row', () => {
    const check = createDuplicateNpiCheck();
    const errors: RowError[] = [];
    expect(check.check('1234567893', 'A', 4, errors)).toBe(true);
    expect(check.check('1000000004', 'A', 5, errors)).toBe(true);
    expect(check.check('1234567893', 'B', 9, errors)).toBe(false);
    expect(check.check('1234567893', 'A', 12, errors)).toBe(false);
    expect(errors).toEqual([
      {
        row: 9,
        column: 'NPI',
        code: 'DUPLICATE_NPI',
        message: 'NPI 1234567893 is already on row 4 (Service Location A); a practitioner may appear only once in a roster file.',
      },
      expect.objectContaining({ row: 12, code: 'DUPLICATE_NPI', message: expect.stringContaining('is already on row 4') }),
    ]);
  });

  it('keeps files apart and ignores empty NPIs', () => {
    const errors: RowError[] = [];
    createDuplicateNpiCheck().check('1234567893', 'A', 2, errors);
    expect(createDuplicateNpiCheck().check('1234567893', 'A', 2, errors)).toBe(true);
    const check = createDuplicateNpiCheck();
    check.check('', 'A', 2, errors);
    check.check(' ', 'A', 3, errors);
    expect(errors).toEqual([]);
  });
});
