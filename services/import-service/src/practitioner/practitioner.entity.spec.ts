import { getMetadataArgsStorage } from 'typeorm';
import { PRACTITIONER_RECORD_COLUMNS, PRACTITIONER_RECORD_FIELDS } from './practitioner.columns';
import { Practitioner } from './practitioner.entity';

describe('Practitioner entity', () => {
  const mapped = getMetadataArgsStorage().columns.filter((c) => c.target === Practitioner);
  const byProperty = new Map(mapped.map((c) => [c.propertyName, c]));

  it('maps every roster detail as the column table gives it', () => {
    for (const field of PRACTITIONER_RECORD_FIELDS) {
      const { column, type, required } = PRACTITIONER_RECORD_COLUMNS[field];
      const mapping = byProperty.get(field);
      expect([field, mapping?.options.name, mapping?.options.type, mapping?.options.nullable ?? false]).toEqual([
        field,
        column,
        type,
        field === 'npi' ? false : !required,
      ]);
    }
    expect(byProperty.get('npi')?.options.primary).toBe(true);
  });

  it('maps the group and what the import sets, and nothing else', () => {
    expect(mapped.map((c) => c.propertyName)).toEqual([
      'groupId',
      ...PRACTITIONER_RECORD_FIELDS,
      'status',
      'lastCaseNumber',
      'createdAt',
      'updatedAt',
    ]);
  });
});
