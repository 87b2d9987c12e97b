import { Column, Entity, PrimaryColumn } from 'typeorm';
import type { CaseTimelineEvent } from '@rosterlink/contracts';

const bigintAsNumber = { to: (v?: number) => v, from: (v: string) => Number(v) };

/** One step of a case's life (`roster_import.case_history`), written in the transaction of the change it tells of. */
@Entity({ name: 'case_history' })
export class CaseHistory {
  @PrimaryColumn('text', { name: 'case_number' }) caseNumber: string;
  /** Database-generated: the order the steps were recorded in. */
  @PrimaryColumn({ type: 'bigint', transformer: bigintAsNumber, insert: false, update: false }) seq: number;
  @Column('timestamptz') at: Date;
  @Column('text') event: CaseTimelineEvent;
  @Column('text', { nullable: true }) by: string | null;
  @Column('text', { nullable: true }) detail: string | null;
}
