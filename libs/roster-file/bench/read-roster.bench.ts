/**
 * How fast, and in how much memory, a large roster streams through readRosterRows.
 *   cd /work/main && npx tsx libs/roster-file/bench/read-roster.bench.ts [rows]
 * Writes a CSV and an xlsx of 100,000 practitioners (19 columns) to a temporary directory, then reads
 * each in a fresh child process, so that one measurement's peak RSS is not the other's (or the writer's).
 * No assertions: it prints a line per format.
 */
import { spawnSync } from 'node:child_process';
import { createReadStream, createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { once } from 'node:events';
import { stream as excelStream } from 'exceljs';
import { ROSTER_COLUMNS } from '@rosterlink/roster';
import { readRosterRows, toCsvLine } from '../src/index';

type Format = 'CSV' | 'XLSX';

const LAST_NAMES = ['Souza', 'Nguyen', 'Smith', "O'Brien", 'García', 'Kowalski', 'Okafor', 'Lee', 'Müller', 'Patel'];
const FIRST_NAMES = ['Ana', 'John', 'Mei', 'José', 'Aisha', 'Liam', 'Chloé', 'Ravi', 'Olga', 'Kwame'];
const PROVIDER_TYPES = ['PHYSICIAN', 'NURSE_PRACTITIONER', 'PHYSICIAN_ASSISTANT', 'PSYCHOLOGIST', 'CLINICAL_SOCIAL_WORKER', 'DIETITIAN'];
const TAXONOMIES = ['207Q00000X', '363L00000X', '363A00000X', '103T00000X', '1041C0700X', '133V00000X'];
const STATES = ['MA', 'NH', 'RI', 'CT', 'NY', 'ME'];

function npi(i: number): string {
  const base = String(100_000_000 + i).slice(0, 9);
  const digits = `80840${base}`;
  let sum = 0;
  for (let k = 0; k < digits.length; k++) {
    let d = Number(digits[digits.length - 1 - k]);
    if (k % 2 === 0) d *= 2;
    sum += d > 9 ? d - 9 : d;
  }
  return base + ((10 - (sum % 10)) % 10);
}

function dea(i: number, lastName: string): string {
  const d = String(1_000_000 + (i % 900_000)).slice(1, 7).split('').map(Number);
  const check = (d[0] + d[2] + d[4] + 2 * (d[1] + d[3] + d[5])) % 10;
  return `A${lastName[0].toUpperCase()}${d.join('')}${check}`;
}

/** One practitioner, in ROSTER_COLUMNS order. */
function practitioner(i: number): (string | number | Date | null)[] {
  const lastName = LAST_NAMES[i % LAST_NAMES.length];
  const providerType = PROVIDER_TYPES[i % PROVIDER_TYPES.length];
  return [
    npi(i),
    lastName,
    FIRST_NAMES[(i * 7) % FIRST_NAMES.length],
    i % 3 === 0 ? 'R' : null,
    i % 17 === 0 ? 'Jr.' : null,
    ['M', 'F', 'O', 'U'][i % 4],
    new Date(Date.UTC(1950 + (i % 50), i % 12, 1 + (i % 28))),
    providerType,
    TAXONOMIES[i % TAXONOMIES.length],
    `${STATES[i % STATES.length]}${200_000 + (i % 700_000)}`,
    STATES[i % STATES.length],
    new Date(Date.UTC(2028, i % 12, 1 + (i % 28))),
    i % 2 === 0 ? dea(i, lastName) : null,
    String(10_000_000 + i),
    'ABC'[i % 3],
    new Date(Date.UTC(2026, i % 12, 1)),
    null,
    `practitioner${i}@example.org`,
    `(617) 555-${String(i % 10_000).padStart(4, '0')}`,
  ];
}

const isoDate = (value: string | number | Date | null) => (value instanceof Date ? value.toISOString().slice(0, 10) : value);

async function writeCsv(path: string, rows: number): Promise<void> {
  const out = createWriteStream(path);
  const write = async (line: string) => {
    if (!out.write(line)) await once(out, 'drain');
  };
  await write(toCsvLine(ROSTER_COLUMNS.map((column) => column.header)));
  for (let i = 0; i < rows; i++) await write(toCsvLine(practitioner(i).map(isoDate)));
  out.end();
  await once(out, 'finish');
}

async function writeXlsx(path: string, rows: number): Promise<void> {
  const workbook = new excelStream.xlsx.WorkbookWriter({ filename: path, useSharedStrings: true, useStyles: true });
  const sheet = workbook.addWorksheet('Roster');
  sheet.addRow(ROSTER_COLUMNS.map((column) => column.header)).commit();
  for (let i = 0; i < rows; i++) {
    const values = practitioner(i);
    values[0] = Number(values[0]); // an NPI typed into Excel is a number
    const row = sheet.addRow(values);
    for (const column of [7, 12, 16]) row.getCell(column).numFmt = 'mm/dd/yyyy';
    row.commit();
  }
  sheet.commit();
  await workbook.commit();
}

/** Child process: read one file and report rows, time and the RSS peak sampled while reading. */
async function measure(format: Format, path: string): Promise<void> {
  let peak = process.memoryUsage.rss();
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 5);
  const started = performance.now();
  let rows = 0;
  for await (const batch of readRosterRows(createReadStream(path), format)) rows += batch.rows.length;
  const elapsed = performance.now() - started;
  clearInterval(sampler);
  peak = Math.max(peak, process.memoryUsage.rss(), process.resourceUsage().maxRSS * 1024);
  process.stdout.write(`${JSON.stringify({ rows: rows - 1, ms: Math.round(elapsed), peakMb: Math.round(peak / 1048576) })}\n`);
}

async function main(): Promise<void> {
  const rows = Number(process.argv[2] ?? 100_000);
  const dir = await mkdtemp(join(tmpdir(), 'roster-bench-'));
  try {
    const files: Record<Format, string> = { CSV: join(dir, 'roster.csv'), XLSX: join(dir, 'roster.xlsx') };
    await writeCsv(files.CSV, rows);
    await writeXlsx(files.XLSX, rows);
    for (const format of ['CSV', 'XLSX'] as const) {
      const size = (await stat(files[format])).size;
      const child = spawnSync(process.execPath, [...process.execArgv, __filename, '--measure', format, files[format]], {
        encoding: 'utf8',
        stdio: ['ignore', 'pipe', 'inherit'],
      });
      if (child.status !== 0) throw new Error(`the ${format} measurement failed`);
      const result = JSON.parse(child.stdout.trim().split('\n').pop() ?? '{}') as { rows: number; ms: number; peakMb: number };
      console.log(
        `roster read ${format}: ${result.rows} rows in ${result.ms} ms, peak RSS ${result.peakMb} MB (file ${(size / 1048576).toFixed(1)} MB)`,
      );
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

const [, , flag, format, path] = process.argv;
(flag === '--measure' ? measure(format as Format, path) : main()).catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
