/**
 * Row-validation throughput of a whole roster file, without I/O:
 *   npx tsx libs/roster/bench/validate-rows.bench.ts [rows]
 * Generates rows as the CSV reader gives them (arrays of strings), then times the header match,
 * the validation of every row and the file's duplicate-NPI check. Prints a line; asserts nothing.
 */
import { npiCheckDigit } from '@rosterlink/contracts';
import { createDuplicateNpiCheck, createRowValidator, matchRosterHeader, ROSTER_COLUMNS, type RowError } from '../src/index';

const ROWS = Number(process.argv[2] ?? 100_000);
const PROVIDER_TYPES = ['PHYSICIAN', 'Nurse Practitioner', 'physician_assistant', 'ORP', 'DIETITIAN', 'PSYCHOLOGIST'];
const STATES = ['MA', 'NH', 'RI', 'CT', 'ny', 'VT'];
const LAST_NAMES = ['Souza', 'Nguyen', 'Okafor', 'García', "O'Brien", 'Kowalski', 'Smith-Jones'];
const FIRST_NAMES = ['Ana', 'Minh', 'Chidi', 'Lucía', 'Sean', 'Ewa', 'Pat'];

function npi(n: number): string {
  const nine = String(100_000_000 + n);
  return nine + String(npiCheckDigit(nine));
}

function pad(n: number, width: number): string {
  return String(n).padStart(width, '0');
}

/** Rows as a CSV reader hands them over: the cells are slices of one big text. */
function generate(count: number): string[][] {
  const headers = ROSTER_COLUMNS.map((c) => c.header);
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    const providerType = PROVIDER_TYPES[i % PROVIDER_TYPES.length];
    const orp = providerType === 'ORP';
    const byHeader: Record<string, string> = {
      NPI: npi(i % 1000 === 999 ? i - 1 : i), // one duplicate in a thousand
      'Last Name': LAST_NAMES[i % LAST_NAMES.length],
      'First Name': FIRST_NAMES[i % FIRST_NAMES.length],
      'Middle Name': i % 3 === 0 ? 'Q' : '',
      Suffix: i % 50 === 0 ? 'Jr.' : '',
      Gender: 'MFOU'[i % 4],
      'Date of Birth':
        i % 2 === 0 ? `19${60 + (i % 40)}-${pad(1 + (i % 12), 2)}-${pad(1 + (i % 28), 2)}` : `${1 + (i % 12)}/${1 + (i % 28)}/1975`,
      'Provider Type': providerType,
      'Primary Taxonomy': i % 500 === 7 ? '207Q0000X' : '207Q00000X', // a few bad codes
      'License Number': orp ? '' : `LIC${i}`,
      'License State': orp ? '' : STATES[i % STATES.length],
      'License Expiration Date': orp ? '' : '2028-06-30',
      'DEA Number': i % 4 === 0 ? 'AB1234563' : '',
      'CAQH Provider ID': i % 2 === 0 ? String(10_000_000 + i) : '',
      'Service Location': 'ab'[i % 2],
      'Effective Date': '2026-03-01',
      'End Date': '',
      Email: `p${i}@example.org`,
      Phone: `(617) 555-${pad(i % 10_000, 4)}`,
    };
    lines.push(
      headers
        .map((h) => byHeader[h])
        .reverse()
        .join(','),
    );
  }
  return lines
    .join('\n')
    .split('\n')
    .map((line) => line.split(','));
}

const header = ROSTER_COLUMNS.map((c) => (c.key === 'npi' ? '\uFEFFnpi' : ` ${c.header.toUpperCase()} `)).reverse();
const data = generate(ROWS);

const started = process.hrtime.bigint();
const match = matchRosterHeader(header, 'ADD_UPDATE');
if (!match.ok) throw new Error(JSON.stringify(match.problems));
const validator = createRowValidator({
  importType: 'ADD_UPDATE',
  columns: match.columns,
  today: '2026-02-15',
  serviceLocations: new Set(['A', 'B']),
});
const duplicates = createDuplicateNpiCheck();
const errors: RowError[] = [];
let valid = 0;
for (let i = 0; i < data.length; i++) {
  const row = i + 2;
  const record = validator.validate(data[i], row, errors);
  if (record) {
    valid++;
    duplicates.check(record.npi, record.serviceLocation, row, errors);
  }
}
const ms = Number(process.hrtime.bigint() - started) / 1e6;
console.log(
  `roster row validation: ${ROWS} rows in ${ms.toFixed(1)} ms (${Math.round((ROWS / ms) * 1000)} rows/s), ${errors.length} errors`,
);
console.log(`  ${valid} valid rows; first errors: ${JSON.stringify(errors.slice(0, 2))}`);
