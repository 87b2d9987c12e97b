import { Readable } from 'node:stream';
import type { RosterFileFormat } from '@rosterlink/contracts';
import { readRosterRows, RosterCell, RosterFileError, RosterRowBatch } from './read-roster';

/** Helpers shared by the reader specs (not part of the library's API). */
export function rosterReading(format: RosterFileFormat) {
  async function batches(input: Readable, batchSize?: number): Promise<RosterRowBatch[]> {
    const out: RosterRowBatch[] = [];
    for await (const batch of readRosterRows(input, format, { batchSize })) out.push(batch);
    return out;
  }

  /** Every delivered row with its number. */
  async function numbered(input: Readable): Promise<[number, RosterCell[]][]> {
    return (await batches(input)).flatMap((batch) => batch.rows.map((cells, i): [number, RosterCell[]] => [batch.firstRow + i, cells]));
  }

  async function failure(input: Readable): Promise<RosterFileError> {
    try {
      await batches(input);
    } catch (error) {
      if (error instanceof RosterFileError) return error;
      throw error;
    }
    throw new Error('expected a RosterFileError');
  }

  return { batches, numbered, failure };
}
