import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { PostalAddress, ProviderType, ServiceLocationRecord } from '@rosterlink/contracts';

/** A group practice as the provider master (MMIS) last described it. */
@Entity({ name: 'provider_groups' })
export class ProviderGroup {
  @PrimaryColumn('text') pid: string;
  @Column('text') name: string;
  @Column('text', { name: 'dba_name' }) dbaName: string;
  @Column('jsonb', { name: 'dba_address' }) dbaAddress: PostalAddress;
  @Column('text', { name: 'correspondence_email', nullable: true }) correspondenceEmail: string | null;
  @Column('jsonb', { name: 'service_locations' }) serviceLocations: ServiceLocationRecord[];
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}

/** An individual provider as the provider master last described them. */
@Entity({ name: 'providers' })
export class Provider {
  @PrimaryColumn('text') pid: string;
  @Column('text') npi: string;
  @Column('text', { name: 'first_name' }) firstName: string;
  @Column('text', { name: 'last_name' }) lastName: string;
  @Column('text', { name: 'provider_type' }) providerType: ProviderType;
  @Column('boolean') credentialed: boolean;
  @Column('timestamptz', { name: 'updated_at' }) updatedAt: Date;
}
