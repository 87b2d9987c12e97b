import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

import type { ServicingLinkSource } from '@rosterlink/contracts';

/**
 * A link of an individual provider (by NPI) to a group's service location for a period:
 * from `effectiveDate` to `endDate` inclusive (open when null). Ended links stay: the List of
 * Servicing Providers shows everyone previously and currently linked.
 */
@Entity({ name: 'servicing_links' })
export class ServicingLink {
  @PrimaryGeneratedColumn('uuid') id: string;
  /** `110000001A` */
  @Column('text') pidsl: string;
  @Column('text', { name: 'group_id' }) groupId: string;
  @Column('text', { name: 'service_location' }) serviceLocation: string;
  /** The provider's PID when the provider master knew the NPI at the time. */
  @Column('text', { name: 'provider_pid', nullable: true }) providerPid: string | null;
  @Column('text') npi: string;
  /** The names the roster gave the practitioner (ROSTER links); the provider master's win where it knows the NPI. */
  @Column('text', { name: 'first_name', nullable: true }) firstName: string | null;
  @Column('text', { name: 'last_name', nullable: true }) lastName: string | null;
  @Column('date', { name: 'effective_date' }) effectiveDate: string;
  @Column('date', { name: 'end_date', nullable: true }) endDate: string | null;
  /** What last set the link's dates: a roster import or a link request. */
  @Column('text') source: ServicingLinkSource;
  /** The roster-import case number (ROSTER) or the link request's id (LINK_REQUEST). */
  @Column('text', { name: 'source_reference' }) sourceReference: string;
  /** When the fact was stated (the roster's `affiliatedAt`, the decision's time): older statements are ignored. */
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
