import { ConflictException, Injectable, NotFoundException } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { AuthenticatedUser } from '@rosterlink/auth';
import { Clock } from '@rosterlink/platform';
import { LetterRepository } from '../letter/letter.repository';
import { canSeeLetter, LETTER_TRANSITIONS, letterRefusals } from '../letter/letter.rules';
import { DeliveryJobs } from '../queues/delivery-queues';

/**
 * Renders and delivers a letter again (a FAILED one, or one returned by the post office), with
 * who asked and what the letter was before in the resend audit, in one transaction.
 */
@Injectable()
export class ResendLetter {
  constructor(
    private readonly dataSource: DataSource,
    private readonly letters: LetterRepository,
    private readonly jobs: DeliveryJobs,
    private readonly clock: Clock,
  ) {}

  async execute(letterId: string, user: AuthenticatedUser): Promise<{ letterId: string; status: typeof LETTER_TRANSITIONS.resend.to }> {
    const letter = await this.letters.find(letterId);
    if (!letter || !canSeeLetter(user, letter)) throw new NotFoundException(letterRefusals.notFound(letterId));
    await this.dataSource.transaction(async (tx) => {
      // The status is checked by the UPDATE itself: two resends at once cannot both pass.
      if (!(await this.letters.reopenForResend(tx, letterId))) throw new ConflictException(letterRefusals.notResendable(letterId));
      await this.letters.addResend(tx, {
        letterId,
        requestedBy: user.id,
        previousStatus: letter.status,
        previousError: letter.lastError,
        requestedAt: this.clock.now(),
      });
    });
    await this.jobs.renderAgain(letterId);
    return { letterId, status: LETTER_TRANSITIONS.resend.to };
  }
}
