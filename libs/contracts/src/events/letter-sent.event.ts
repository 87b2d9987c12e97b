import { IsIn, IsISO8601, IsUUID, Matches } from 'class-validator';
import { LETTER_CHANNELS, LetterChannel } from '../event-codes';
import { PIDSL_PATTERN } from '../identifiers';

/** `letter.sent.v1` — a letter was generated and handed to delivery. Key: the PID/SL. */
export class LetterSentV1 {
  @IsUUID() letterId: string;
  @IsUUID() requestId: string;
  @Matches(PIDSL_PATTERN) pidsl: string;
  @IsIn(['link-approved', 'link-denied', 'unlink-approved', 'unlink-denied']) kind: string;
  @IsIn(LETTER_CHANNELS) channel: LetterChannel;
  @IsISO8601({ strict: true }) sentAt: string;
}
