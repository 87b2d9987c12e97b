import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { ValidateBy, ValidateIf } from 'class-validator';
import { isValidNpi, PID_PATTERN, PROVIDER_MATCHES, type ProviderMatch, type ProviderSearchItem, PROVIDER_TYPES, ProviderType } from '@rosterlink/contracts';
import { PageQuery } from '@rosterlink/platform';

const CRITERIA = ['providerId', 'npi', 'name'] as const;
const NONE_GIVEN = 'give providerId, npi or name: at least one is required';

/**
 * One search field. Blank counts as absent (a portal form sends empty fields); when all three
 * are absent each of them is reported, so the 400's `details` name every field.
 */
function SearchCriterion(isValid: (value: string) => boolean, invalid: string): PropertyDecorator {
  return applyDecorators(
    Transform(({ value }) => (typeof value === 'string' ? value.trim() || undefined : value)),
    ValidateIf((query: ProviderSearchQuery, value) => value !== undefined || CRITERIA.every((field) => query[field] === undefined)),
    ValidateBy({
      name: 'searchCriterion',
      validator: {
        validate: (value) => typeof value === 'string' && isValid(value),
        defaultMessage: (args) => (args?.value === undefined ? NONE_GIVEN : invalid),
      },
    }),
  );
}

export class ProviderSearchQuery extends PageQuery {
  @ApiPropertyOptional({ example: '210000001', description: 'exact provider ID (9 digits)' })
  @SearchCriterion((v) => PID_PATTERN.test(v), 'providerId must be a 9-digit provider ID')
  providerId?: string;

  @ApiPropertyOptional({ example: '1234567893', description: 'exact NPI (10 digits, valid check digit)' })
  @SearchCriterion(isValidNpi, 'npi must be a 10-digit NPI with a valid check digit')
  npi?: string;

  @ApiPropertyOptional({
    example: 'Nguyen',
    description:
      'all or part of a first and/or last name, in any case, with or without accents; each word typed matches the start ' +
      'of a word of the name; a name of 4 letters or more misspelled by a letter or two is still found (similar names ' +
      'are offered when fewer than 50 providers match exactly or by prefix)',
  })
  @SearchCriterion((v) => v.length <= 100 && /[\p{L}\p{N}]/u.test(v), 'name must be 1 to 100 characters with at least one letter or digit')
  name?: string;
}

export class ProviderSearchItemView implements ProviderSearchItem {
  @ApiProperty({ example: '210000001' }) providerId: string;
  @ApiProperty({ example: '1234567893' }) npi: string;
  @ApiProperty() firstName: string;
  @ApiProperty() lastName: string;
  @ApiProperty({ enum: PROVIDER_TYPES }) providerType: ProviderType;
  @ApiProperty({ description: 'false for LTSS, DENTAL and ORP providers, which cannot be linked through the portal' })
  linkable: boolean;
  @ApiPropertyOptional({ description: 'why a provider cannot be linked, and where to go instead' })
  notLinkableReason?: string;
  @ApiProperty({ enum: PROVIDER_MATCHES, description: 'the ranking tier: exact ID or NPI, then name prefix, then similar name' })
  match: ProviderMatch;
}

export class ProviderSearchPage {
  @ApiProperty({ type: [ProviderSearchItemView] }) items: ProviderSearchItemView[];
  @ApiProperty() total: number;
}
