import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { EntityManager, Repository } from 'typeorm';
import type { AccessGrantChangedV1 } from '@rosterlink/contracts';
import { preparedQuery } from '@rosterlink/platform';
import { AccessGrant } from './access-grant.entity';

/** The projection's table: one upsert per consumed batch, one indexed read per request. */
@Injectable()
export class AccessGrantRepository {
  constructor(@InjectRepository(AccessGrant) private readonly grants: Repository<AccessGrant>) {}

  /**
   * The PID/SLs the user holds a grant on now. Read on every authenticated request, so in plain
   * SQL (TypeORM's find() spent more of the request building this one query than PostgreSQL did),
   * prepared once per connection.
   */
  async grantedLocations(userId: string): Promise<string[]> {
    const { schema, tableName } = this.grants.metadata;
    const table = schema ? `"${schema}"."${tableName}"` : `"${tableName}"`;
    const rows = await preparedQuery<{ pidsl: string }>(
      this.grants.manager.connection,
      `SELECT pidsl FROM ${table} WHERE user_id = $1 AND granted ORDER BY pidsl`,
      [userId],
    );
    return rows.map((r) => r.pidsl);
  }

  /** Applies changes (at most one per user and PID/SL); a row keeps a newer version it already holds. */
  async apply(tx: EntityManager, changes: readonly AccessGrantChangedV1[]): Promise<void> {
    if (changes.length === 0) return;
    await tx
      .createQueryBuilder()
      .insert()
      .into(AccessGrant)
      .values(
        changes.map((c) => ({
          userId: c.userId,
          pidsl: c.pidsl,
          granted: c.granted,
          primary: c.primary,
          version: String(c.version),
          changedAt: new Date(c.at),
        })),
      )
      .orUpdate(['granted', 'primary', 'version', 'changed_at'], ['user_id', 'pidsl'], {
        overwriteCondition: { where: 'access_grants.version < EXCLUDED.version' },
      })
      .execute();
  }
}
