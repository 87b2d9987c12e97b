import { Injectable } from '@nestjs/common';
import type { AuthenticatedUser } from '@rosterlink/auth';
import type { AccessAuditEntry } from '@rosterlink/contracts';
import type { Page } from '@rosterlink/platform';
import type { AuditEntry } from '../audit-entry/audit-entry.entity';
import { AuditEntryRepository } from '../audit-entry/audit-entry.repository';
import { ManagedServiceLocation } from '../manage-access/managed-service-location';

export function auditEntryView(entry: AuditEntry): AccessAuditEntry {
  return {
    at: entry.at.toISOString(),
    by: entry.actedBy,
    action: entry.action,
    userId: entry.userId,
    before: entry.before,
    after: entry.after,
  };
}

/** The access audit of a PID/SL, newest first, for its Primary User, the back office or an admin. */
@Injectable()
export class ViewAccessAudit {
  constructor(
    private readonly serviceLocation: ManagedServiceLocation,
    private readonly audit: AuditEntryRepository,
  ) {}

  async list(pidsl: string, page: { limit: number; offset: number }, user: AuthenticatedUser): Promise<Page<AccessAuditEntry>> {
    await this.serviceLocation.require(user, pidsl);
    const [entries, total] = await this.audit.page(pidsl, page);
    return { items: entries.map(auditEntryView), total };
  }
}
