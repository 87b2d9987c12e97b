import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { errorNotesOfRow, errorWorkbookLayout, layRosterRow, ROW_LEVEL_ERROR_CODES } from './case-error-workbook.rules';
import { fileProblems } from './roster-import-case.rules';

const TEMPLATE: string[] = ROSTER_COLUMNS.map((column) => column.header);
const at = (header: string) => TEMPLATE.indexOf(header);

describe('the errors workbook of a case', () => {
  describe('errorWorkbookLayout and layRosterRow', () => {
    it('lays a file with the template header out as the template, whatever order its columns come in', () => {
      const fileHeader = [...TEMPLATE].reverse().map((header) => ` ${header.toUpperCase()} `);
      const layout = errorWorkbookLayout(fileHeader, 'ADD_UPDATE');
      expect(layout.header).toEqual(TEMPLATE);
      const cells = [...TEMPLATE].reverse().map((header) => `value of ${header}`);
      expect(layRosterRow(cells, layout)).toEqual(TEMPLATE.map((header) => `value of ${header}`));
    });

    it('leaves the template columns a file does not have empty, and keeps its date and number cells as they are', () => {
      const layout = errorWorkbookLayout(['Service Location', 'NPI', 'End Date'], 'TERMINATE');
      expect(layout.header).toEqual(TEMPLATE);
      const born = new Date(Date.UTC(2027, 5, 30));
      const laid = layRosterRow(['A', 1234567893, born], layout);
      expect(laid).toHaveLength(TEMPLATE.length);
      expect(laid[at('NPI')]).toBe(1234567893);
      expect(laid[at('Service Location')]).toBe('A');
      expect(laid[at('End Date')]).toBe(born);
      expect(laid.filter((cell) => cell !== null)).toHaveLength(3);
      // A row shorter than the header: the missing cells are empty.
      expect(layRosterRow(['B'], layout).filter((cell) => cell !== null)).toEqual(['B']);
    });

    it("keeps a file's own header and cells when its header is not the template's (nothing of it is lost)", () => {
      const layout = errorWorkbookLayout(['NPI', '  Nick   Name ', 'NPI', null, 'Last Name'], 'ADD_UPDATE');
      expect(layout.header).toEqual(['NPI', 'Nick Name', 'NPI', '', 'Last Name']);
      expect(layRosterRow(['1', 'Al', '2', null, 'Souza', 'beyond the header'], layout)).toEqual(['1', 'Al', '2', null, 'Souza', 'beyond the header']);
    });

    it('lays out the template when not even a header could be read', () => {
      const layout = errorWorkbookLayout(undefined, 'ADD_UPDATE');
      expect(layout.header).toEqual(TEMPLATE);
      expect(layRosterRow([], layout).every((cell) => cell === null)).toBe(true);
    });
  });

  describe('errorNotesOfRow', () => {
    const template = errorWorkbookLayout(TEMPLATE, 'ADD_UPDATE');

    it('notes each error on the cell of its column, several on one cell one a line, in order', () => {
      const notes = errorNotesOfRow(
        [
          { column: 'Date of Birth', code: 'UNDER_18', message: 'Under 18' },
          { column: 'Service Location', code: 'UNKNOWN_SERVICE_LOCATION', message: 'No SL Z' },
          { column: 'Date of Birth', code: 'IMPLAUSIBLE_DATE_OF_BIRTH', message: 'Implausible' },
        ],
        template,
      );
      expect(notes).toEqual(
        new Map([
          [at('Date of Birth'), 'Under 18\nImplausible'],
          [at('Service Location'), 'No SL Z'],
        ]),
      );
    });

    it('notes an error about the whole row (a duplicate) on its first cell, with any error of that cell', () => {
      expect(ROW_LEVEL_ERROR_CODES.has('DUPLICATE_NPI')).toBe(true);
      const layout = errorWorkbookLayout(['Last Name', ...TEMPLATE.filter((h) => h !== 'Last Name')], 'ADD_UPDATE');
      expect(at('NPI')).toBe(0); // the template's first column: the duplicate's note lands on the NPI cell there
      const notes = errorNotesOfRow(
        [
          { column: 'NPI', code: 'DUPLICATE_NPI', message: 'NPI 1234567893 is already on row 2' },
          { column: 'NPI', code: 'INVALID_NPI_FORMAT', message: 'NPI must be 10 digits' },
          { column: 'Email', code: 'INVALID_EMAIL', message: 'Not an e-mail address' },
        ],
        layout,
      );
      expect(notes).toEqual(
        new Map([
          [0, 'NPI 1234567893 is already on row 2\nNPI must be 10 digits'],
          [at('Email'), 'Not an e-mail address'],
        ]),
      );
    });

    it('notes an error whose column the sheet does not have on the first cell of its row', () => {
      expect(errorNotesOfRow([fileProblems.noDataRows()], template)).toEqual(new Map([[0, 'The file has a header but no practitioner rows']]));
      expect(errorNotesOfRow([{ column: 'Nickname', code: 'SOMETHING', message: 'Unknown' }], template)).toEqual(new Map([[0, 'Unknown']]));
    });

    it("notes header problems on the file's own header cells", () => {
      const layout = errorWorkbookLayout(['NPI', 'Nick Name', 'Last Name'], 'ADD_UPDATE');
      const notes = errorNotesOfRow(
        [
          { column: 'Nick Name', code: 'UNKNOWN_COLUMN', message: 'Column "Nick Name" is not in the roster template' },
          { column: 'First Name', code: 'MISSING_COLUMN', message: 'The required column "First Name" is missing' },
        ],
        layout,
      );
      expect(notes).toEqual(
        new Map([
          [1, 'Column "Nick Name" is not in the roster template'],
          [0, 'The required column "First Name" is missing'],
        ]),
      );
    });

    it('notes nothing on a row without errors', () => {
      expect(errorNotesOfRow([], template)).toEqual(new Map());
    });
  });
});
