import { Column, Entity, PrimaryColumn } from 'typeorm';

/** One problem in a roster file, shown on its case: row as a spreadsheet numbers it, column as the template names it. */
@Entity({ name: 'case_errors' })
export class CaseError {
  @PrimaryColumn('text', { name: 'case_number' }) caseNumber: string;
  @PrimaryColumn('integer') seq: number;
  @Column('integer', { name: 'row_number' }) row: number;
  @Column('text', { name: 'column_name' }) column: string;
  @Column('text') code: string;
  @Column('text') message: string;
}
