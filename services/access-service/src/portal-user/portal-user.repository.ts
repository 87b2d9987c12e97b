import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { PortalUser } from './portal-user.entity';

/** The portal users (`access.portal_users`): every read and write of them. */
@Injectable()
export class PortalUserRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** The user signed in: their name as the token gives it (written only when it changed). */
  async signedIn(userId: string, name: string): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO access.portal_users AS u (user_id, name) VALUES ($1, $2)
       ON CONFLICT (user_id) DO UPDATE SET name = EXCLUDED.name, updated_at = now() WHERE u.name IS DISTINCT FROM EXCLUDED.name`,
      [userId, name],
    );
  }

  /**
   * Makes sure the user is known, in `tx`, before a grant names them. A user not seen yet is
   * recorded with the name and e-mail given (their user id when no name is); a known user's name
   * stays (their token's is the truth), and an e-mail is only filled in where none is held.
   */
  async remember(tx: EntityManager, user: { userId: string; name?: string; email?: string }): Promise<void> {
    await tx.query(
      `INSERT INTO access.portal_users AS u (user_id, name, email) VALUES ($1, coalesce($2::text, $1), $3::text)
       ON CONFLICT (user_id) DO UPDATE SET email = EXCLUDED.email, updated_at = now()
       WHERE u.email IS NULL AND EXCLUDED.email IS NOT NULL`,
      [user.userId, user.name ?? null, user.email ?? null],
    );
  }

  async find(userId: string, tx?: EntityManager): Promise<PortalUser | null> {
    return (tx ?? this.dataSource.manager).findOneBy(PortalUser, { userId });
  }

  /** The users of these ids, by id (one query). */
  async byIds(userIds: readonly string[], tx?: EntityManager): Promise<Map<string, PortalUser>> {
    if (userIds.length === 0) return new Map();
    const users = await (tx ?? this.dataSource.manager).findBy(PortalUser, { userId: In([...new Set(userIds)]) });
    return new Map(users.map((u) => [u.userId, u]));
  }
}
