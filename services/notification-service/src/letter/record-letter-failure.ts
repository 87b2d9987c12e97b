import { DataSource, In } from 'typeorm';
import { Letter } from './letter.entity';

/**
 * After a failed attempt the letter shows the error; after the last one it is FAILED, visible with
 * its error, and can be resent.
 */
export async function recordLetterFailure(dataSource: DataSource, letterId: string, error: Error, lastAttempt: boolean): Promise<void> {
  await dataSource
    .getRepository(Letter)
    .update(
      { letterId, status: In(['PENDING', 'RENDERED']) },
      { lastError: error.message.slice(0, 500), ...(lastAttempt ? { status: 'FAILED' as const } : {}) },
    );
}
