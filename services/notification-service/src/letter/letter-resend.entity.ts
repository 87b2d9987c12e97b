import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { LetterStatus } from './letter.rules';

/** One back-office resend of a letter: the audit trail of `POST /letters/{id}/resend`. */
@Entity({ name: 'letter_resends' })
export class LetterResend {
  @PrimaryGeneratedColumn({ name: 'resend_id', type: 'bigint' }) resendId: string;
  @Column('uuid', { name: 'letter_id' }) letterId: string;
  /** The user id (token subject) of who asked. */
  @Column('text', { name: 'requested_by' }) requestedBy: string;
  @Column('text', { name: 'previous_status' }) previousStatus: LetterStatus;
  @Column('text', { name: 'previous_error', nullable: true }) previousError: string | null;
  @Column('timestamptz', { name: 'requested_at' }) requestedAt: Date;
}
