import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PractitionerStatus, ProviderType } from '@rosterlink/contracts';

/** A practitioner record of a group, as roster imports created and changed it. */
@Entity({ name: 'practitioners' })
export class Practitioner {
  @PrimaryColumn('text', { name: 'group_id' }) groupId: string;
  @PrimaryColumn('text') npi: string;
  @Column('text', { name: 'service_location' }) serviceLocation: string;
  @Column('text', { name: 'first_name' }) firstName: string;
  @Column('text', { name: 'last_name' }) lastName: string;
  @Column('text', { name: 'provider_type' }) providerType: ProviderType;
  @Column('date', { name: 'effective_date' }) effectiveDate: string;
  @Column('date', { name: 'end_date', nullable: true }) endDate: string | null;
  @Column('text') status: PractitionerStatus;
  @Column('text', { name: 'last_case_number' }) lastCaseNumber: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
