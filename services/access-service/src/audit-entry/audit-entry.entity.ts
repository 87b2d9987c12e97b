import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import type { AccessChange, AccessState } from '@rosterlink/contracts';

/** One change to one user's access to one PID/SL: who made it, when, and the state before and after. */
@Entity({ name: 'audit_entries' })
export class AuditEntry {
  @PrimaryGeneratedColumn('identity', { name: 'entry_id', type: 'bigint', generatedIdentity: 'ALWAYS' }) entryId: string;
  @Column('text') pidsl: string;
  @Column('timestamptz') at: Date;
  @Column('text', { name: 'acted_by' }) actedBy: string;
  @Column('text') action: AccessChange;
  @Column('text', { name: 'user_id' }) userId: string;
  @Column('jsonb') before: AccessState;
  @Column('jsonb') after: AccessState;
  /** The PID/SL's change number, as access.grant-changed.v1 carries it. */
  @Column('bigint', { transformer: { to: (v) => v, from: (v) => Number(v) } }) version: number;
}
