import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';
import type { PractitionerStatus, ProviderType } from '@rosterlink/contracts';
import type { Gender } from '@rosterlink/roster';
import { PRACTITIONER_RECORD_COLUMNS, PractitionerRecordField } from './practitioner.columns';

/**
 * Maps a roster detail to its column as PRACTITIONER_RECORD_COLUMNS gives it, found by the
 * property's name (which must be a field of RosterRecord): the NPI is part of the key.
 */
function RecordColumn() {
  return (target: object, property: PractitionerRecordField): void => {
    const { column, type, required } = PRACTITIONER_RECORD_COLUMNS[property];
    const map = property === 'npi' ? PrimaryColumn(type, { name: column }) : Column(type, { name: column, nullable: !required });
    map(target, property);
  };
}

/** A practitioner record of a group, as roster imports created and changed it: every column of `practitioners`. */
@Entity({ name: 'practitioners' })
export class Practitioner {
  @PrimaryColumn('text', { name: 'group_id' }) groupId: string;
  @RecordColumn() npi: string;
  @RecordColumn() serviceLocation: string;
  @RecordColumn() firstName: string;
  @RecordColumn() lastName: string;
  @RecordColumn() middleName: string | null;
  @RecordColumn() suffix: string | null;
  @RecordColumn() gender: Gender | null;
  @RecordColumn() dateOfBirth: string | null;
  @RecordColumn() providerType: ProviderType;
  @RecordColumn() primaryTaxonomy: string | null;
  @RecordColumn() licenseNumber: string | null;
  @RecordColumn() licenseState: string | null;
  @RecordColumn() licenseExpirationDate: string | null;
  @RecordColumn() deaNumber: string | null;
  @RecordColumn() caqhProviderId: string | null;
  @RecordColumn() effectiveDate: string;
  @RecordColumn() endDate: string | null;
  @RecordColumn() email: string | null;
  @RecordColumn() phone: string | null;
  @Column('text') status: PractitionerStatus;
  @Column('text', { name: 'last_case_number' }) lastCaseNumber: string;
  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' }) createdAt: Date;
  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' }) updatedAt: Date;
}
