import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager, In } from 'typeorm';
import { RosterFileStore } from '@rosterlink/roster-file';
import { RosterUpload } from './roster-upload.entity';

/**
 * Who may put a roster file in the store and take one out. Files are content-addressed and
 * shared by uploads of the same bytes, so every keep and every discard of one content happens
 * under one PostgreSQL lock: a refused upload or the orphan sweep can never remove a file that
 * another upload has just kept, and a file stays only while a committed upload refers to it.
 */
@Injectable()
export class RosterFileCustody {
  constructor(
    private readonly dataSource: DataSource,
    private readonly fileStore: RosterFileStore,
  ) {}

  /** Held until `tx` ends: serialises everything done with the file of that content. */
  async lockContent(tx: EntityManager, sha256: string): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext($1))', [`roster-file:${sha256}`]);
  }

  /** Removes the stored file unless a committed upload refers to it; true when removed. */
  async discardIfUnreferenced(storageKey: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockContent(tx, storageKey.slice(storageKey.lastIndexOf('/') + 1));
      if (await tx.existsBy(RosterUpload, { storageKey })) return false;
      await this.fileStore.discard(storageKey);
      return true;
    });
  }

  /** Of `storageKeys`, those that no upload refers to (checked without locks: a candidate list). */
  async unreferenced(storageKeys: string[]): Promise<string[]> {
    if (storageKeys.length === 0) return [];
    const referenced = await this.dataSource
      .getRepository(RosterUpload)
      .find({ where: { storageKey: In(storageKeys) }, select: { storageKey: true } });
    const kept = new Set(referenced.map((u) => u.storageKey));
    return storageKeys.filter((key) => !kept.has(key));
  }
}
