import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { LinkRequestKind, LinkRequestStatus, ProviderType } from '@rosterlink/contracts';

/** A group's request to link (or unlink) a servicing provider at one of its locations. */
@Entity({ name: 'link_requests' })
export class LinkRequest {
  @PrimaryColumn('uuid', { name: 'request_id' }) requestId: string;
  @Column('text') kind: LinkRequestKind;
  @Column('text') pidsl: string;
  @Column('text', { name: 'group_id' }) groupId: string;
  @Column('text', { name: 'service_location' }) serviceLocation: string;
  @Column('text', { name: 'provider_pid' }) providerPid: string;
  @Column('text') npi: string;
  @Column('text', { name: 'first_name' }) firstName: string;
  @Column('text', { name: 'last_name' }) lastName: string;
  @Column('text', { name: 'provider_type' }) providerType: ProviderType;
  @Column('date', { name: 'effective_date', nullable: true }) effectiveDate: string | null;
  @Column('date', { name: 'end_date', nullable: true }) endDate: string | null;
  @Column('text') status: LinkRequestStatus;
  @Column('timestamptz', { name: 'submitted_at' }) submittedAt: Date;
  @Column('text', { name: 'submitted_by' }) submittedBy: string;
  @Column('date', { name: 'due_date' }) dueDate: string;
  /** Which wording of the POSC certification the submitter agreed to. */
  @Column('text', { name: 'attestation_version' }) attestationVersion: string;
  @Column('text', { name: 'attested_by' }) attestedBy: string;
  @Column('timestamptz', { name: 'attested_at' }) attestedAt: Date;
  @Column('timestamptz', { name: 'decided_at', nullable: true }) decidedAt: Date | null;
  @Column('text', { name: 'decided_by', nullable: true }) decidedBy: string | null;
  @Column('text', { name: 'decision_reason', nullable: true }) decisionReason: string | null;
  @Column('timestamptz', { name: 'sla_warning_at', nullable: true }) slaWarningAt: Date | null;
  @Column('timestamptz', { name: 'sla_breached_at', nullable: true }) slaBreachedAt: Date | null;
  /** The analyst working the request (the token's `sub` and display name), and since when; null when nobody is. */
  @Column('text', { name: 'assignee_id', nullable: true }) assigneeId: string | null;
  @Column('text', { name: 'assignee_name', nullable: true }) assigneeName: string | null;
  @Column('timestamptz', { name: 'assigned_at', nullable: true }) assignedAt: Date | null;
}

/** The audit trail of a request: who did what, when, from which status to which. */
@Entity({ name: 'link_request_history' })
export class LinkRequestHistory {
  @PrimaryColumn('uuid', { name: 'request_id' }) requestId: string;
  @PrimaryColumn('integer', { insert: false }) seq: number;
  @Column('timestamptz') at: Date;
  @Column('text') actor: string;
  @Column('text') action: string;
  @Column('text', { name: 'from_status', nullable: true }) fromStatus: string | null;
  @Column('text', { name: 'to_status', nullable: true }) toStatus: string | null;
  @Column('text', { nullable: true }) note: string | null;
}

/** An internal note of the back office on a request: never shown to the group, never carried by an event. */
@Entity({ name: 'link_request_notes' })
export class LinkRequestNote {
  @PrimaryColumn('uuid', { name: 'note_id' }) noteId: string;
  @Column('uuid', { name: 'request_id' }) requestId: string;
  @Column({ type: 'bigint', insert: false }) seq: string;
  @Column('text', { name: 'author_id' }) authorId: string;
  @Column('text', { name: 'author_name' }) authorName: string;
  @Column('text') text: string;
  @Column('timestamptz', { name: 'created_at' }) createdAt: Date;
}
