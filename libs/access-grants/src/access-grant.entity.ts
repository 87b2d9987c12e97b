import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * One user's access to one PID/SL, as the newest `access.grant-changed.v1` this service has seen
 * says it is. A revoked grant stays as a row with `granted = false`, so an older grant that arrives
 * late (a replay) cannot bring it back.
 */
@Entity({ name: 'access_grants' })
export class AccessGrant {
  @PrimaryColumn('text', { name: 'user_id' }) userId: string;
  @PrimaryColumn('text') pidsl: string;
  @Column('boolean') granted: boolean;
  @Column('boolean') primary: boolean;
  /** The PID/SL's change counter of the event this row comes from. */
  @Column('bigint') version: string;
  @Column('timestamptz', { name: 'changed_at' }) changedAt: Date;
}
