import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { LetterChannel, LetterRecipient, LinkRequestProcessedV1 } from '@rosterlink/contracts';
import type { LetterStatus } from './letter.rules';

/** The letter to a group's DBA address about one processed link request. */
@Entity({ name: 'letters' })
export class Letter {
  @PrimaryColumn('uuid', { name: 'letter_id' }) letterId: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column('text') kind: string;
  @Column('text') pidsl: string;
  @Column('text', { name: 'group_id' }) groupId: string;
  @Column('text') status: LetterStatus;
  @Column('jsonb') recipient: LetterRecipient;
  /** The processed request the letter is about, as its event told it. */
  @Column('jsonb') request: LinkRequestProcessedV1;
  @Column('text', { nullable: true }) channel: LetterChannel | null;
  @Column('text', { name: 'last_error', nullable: true }) lastError: string | null;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @Column('timestamptz', { name: 'rendered_at', nullable: true }) renderedAt: Date | null;
  @Column('timestamptz', { name: 'sent_at', nullable: true }) sentAt: Date | null;
}
