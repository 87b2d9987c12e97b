import { DataSource, In } from 'typeorm';
import { Letter } from './letter.entity';

/** After a job's last attempt: the letter is FAILED, visible with its error, and can be resent. */
export async function markLetterFailed(dataSource: DataSource, letterId: string, error: Error): Promise<void> {
  await dataSource
    .getRepository(Letter)
    .update({ letterId, status: In(['PENDING', 'RENDERED']) }, { status: 'FAILED', lastError: error.message.slice(0, 500) });
}
