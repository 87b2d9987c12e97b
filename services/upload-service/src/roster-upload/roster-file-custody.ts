import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { RosterFileStore } from '@rosterlink/roster-file';
import { RosterUploadRepository } from './roster-upload.repository';

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
    private readonly uploads: RosterUploadRepository,
    private readonly fileStore: RosterFileStore,
  ) {}

  /** Held until `tx` ends: serialises everything done with the file of that content. */
  async lockContent(tx: EntityManager, sha256: string): Promise<void> {
    await this.uploads.lockContent(tx, sha256);
  }

  /** Removes the stored file unless a committed upload refers to it; true when removed. */
  async discardIfUnreferenced(storageKey: string): Promise<boolean> {
    return this.dataSource.transaction(async (tx) => {
      await this.lockContent(tx, storageKey.slice(storageKey.lastIndexOf('/') + 1));
      if (await this.uploads.isReferenced(tx, storageKey)) return false;
      await this.fileStore.discard(storageKey);
      return true;
    });
  }

  /** Of `storageKeys`, those that no upload refers to (checked without locks: a candidate list). */
  async unreferenced(storageKeys: string[]): Promise<string[]> {
    const kept = await this.uploads.referencedStorageKeys(storageKeys);
    return storageKeys.filter((key) => !kept.has(key));
  }
}
