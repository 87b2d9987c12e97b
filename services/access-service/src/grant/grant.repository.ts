import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inOneSnapshot } from '@rosterlink/platform';
import { Grant } from './grant.entity';
import type { AccessState } from '@rosterlink/contracts';

/**
 * The grants on PID/SLs and each PID/SL's change counter (`access.grants`,
 * `access.service_location_versions`): every read and write of them.
 */
@Injectable()
export class GrantRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Holds, until `tx` ends, the lock of every change to the PID/SL's access: changes to one PID/SL happen one at a time. */
  async lockServiceLocation(tx: EntityManager, pidsl: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`access:${pidsl}`]);
  }

  async find(tx: EntityManager, pidsl: string, userId: string): Promise<Grant | null> {
    return tx.findOneBy(Grant, { pidsl, userId });
  }

  /** The PID/SL's Primary User's grant, if it has one; in `tx`, or committed when none is given. */
  async primaryOf(pidsl: string, tx?: EntityManager): Promise<Grant | null> {
    return (tx ?? this.dataSource.manager).findOneBy(Grant, { pidsl, primary: true });
  }

  /**
   * Makes the user's grant on the PID/SL what `state` says: none, or held (primary or not). A new
   * grant is dated `at` and signed `by`; an existing one keeps its date and grantor.
   */
  async apply(tx: EntityManager, pidsl: string, userId: string, state: AccessState, by: string, at: Date): Promise<void> {
    if (!state.granted) {
      await tx.delete(Grant, { pidsl, userId });
      return;
    }
    await tx.query(
      `INSERT INTO access.grants (pidsl, user_id, is_primary, granted_at, granted_by) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (pidsl, user_id) DO UPDATE SET is_primary = EXCLUDED.is_primary`,
      [pidsl, userId, state.primary, at, by],
    );
  }

  /** The PID/SL's next change number (1 for its first change), in `tx`. */
  async nextVersion(tx: EntityManager, pidsl: string): Promise<number> {
    const [row] = await tx.query(
      `INSERT INTO access.service_location_versions AS v (pidsl, version) VALUES ($1, 1)
       ON CONFLICT (pidsl) DO UPDATE SET version = v.version + 1 RETURNING version`,
      [pidsl],
    );
    return Number(row.version);
  }

  /** The PID/SL's grants, its Primary User first, then the oldest first, with how many there are. */
  async page(pidsl: string, page: { limit: number; offset: number }): Promise<[Grant[], number]> {
    return inOneSnapshot(this.dataSource, (tx) =>
      tx.getRepository(Grant).findAndCount({
        where: { pidsl },
        order: { primary: 'DESC', grantedAt: 'ASC', userId: 'ASC' },
        take: page.limit,
        skip: page.offset,
      }),
    );
  }

  /** Every grant of one user, by PID/SL. */
  async ofUser(userId: string): Promise<Grant[]> {
    return this.dataSource.getRepository(Grant).find({ where: { userId }, order: { pidsl: 'ASC' } });
  }
}
