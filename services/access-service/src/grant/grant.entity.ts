import { Column, Entity, PrimaryColumn } from 'typeorm';

/** A portal user's access to one PID/SL; `primary` marks the PID/SL's Primary User. */
@Entity({ name: 'grants' })
export class Grant {
  @PrimaryColumn('text') pidsl: string;
  @PrimaryColumn('text', { name: 'user_id' }) userId: string;
  @Column('boolean', { name: 'is_primary' }) primary: boolean;
  @Column('timestamptz', { name: 'granted_at' }) grantedAt: Date;
  @Column('text', { name: 'granted_by' }) grantedBy: string;
}
