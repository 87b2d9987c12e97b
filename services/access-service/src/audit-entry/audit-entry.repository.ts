import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { inOneSnapshot } from '@rosterlink/platform';
import { AuditEntry } from './audit-entry.entity';

export type NewAuditEntry = Omit<AuditEntry, 'entryId'>;

/** The access audit (`access.audit_entries`): every read and write of it. Entries are never changed or removed. */
@Injectable()
export class AuditEntryRepository {
  constructor(private readonly dataSource: DataSource) {}

  /** Records the entry in `tx`, with the change it describes. */
  async add(tx: EntityManager, entry: NewAuditEntry): Promise<void> {
    await tx.insert(AuditEntry, entry);
  }

  /** The PID/SL's entries, newest first, with how many there are. */
  async page(pidsl: string, page: { limit: number; offset: number }): Promise<[AuditEntry[], number]> {
    return inOneSnapshot(this.dataSource, (tx) =>
      tx.getRepository(AuditEntry).findAndCount({ where: { pidsl }, order: { version: 'DESC' }, take: page.limit, skip: page.offset }),
    );
  }
}
