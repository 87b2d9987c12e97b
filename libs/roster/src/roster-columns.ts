import { type ImportType, PROVIDER_TYPES, type ProviderType } from '@rosterlink/contracts/browser';
import { ROSTER_GENDERS, US_STATE_AND_TERRITORY_CODE_LIST } from './roster-values';

/**
 * The columns of the approved roster template (CONTRACT.md), in template order.
 *
 * `aliases` are real-world names for a column that files arrive with ("DOB", "Taxonomy", "SL").
 * They are only ever used to suggest the template header in an error message; a file whose header
 * says "DOB" is still refused. Each alias names exactly one column (a spec checks it).
 *
 * What a column requires (`requiredFor`, `requiredUnlessExempt`) and the values it offers (`choices`) are read
 * by the row validator and by the template alike (rosterColumnRequirement), so the two cannot disagree.
 */
export const ROSTER_COLUMNS = [
  {
    key: 'npi',
    header: 'NPI',
    requiredFor: ['ADD_UPDATE', 'TERMINATE'],
    hint: '10 digits with a valid check digit',
    aliases: ['NPI Number', 'NPI No', 'Individual NPI', 'Rendering NPI', 'Type 1 NPI'],
  },
  {
    key: 'lastName',
    header: 'Last Name',
    requiredFor: ['ADD_UPDATE'],
    hint: '1–50 characters',
    aliases: ['Last', 'Surname', 'Family Name', 'LName'],
  },
  {
    key: 'firstName',
    header: 'First Name',
    requiredFor: ['ADD_UPDATE'],
    hint: '1–50 characters',
    aliases: ['First', 'Given Name', 'FName'],
  },
  {
    key: 'middleName',
    header: 'Middle Name',
    requiredFor: [],
    hint: 'optional',
    aliases: ['Middle', 'Middle Initial', 'MI'],
  },
  { key: 'suffix', header: 'Suffix', requiredFor: [], hint: 'optional, e.g. Jr.', aliases: ['Name Suffix'] },
  { key: 'gender', header: 'Gender', requiredFor: [], hint: 'M, F, O or U', choices: ROSTER_GENDERS, aliases: ['Sex'] },
  {
    key: 'dateOfBirth',
    header: 'Date of Birth',
    requiredFor: ['ADD_UPDATE'],
    hint: 'YYYY-MM-DD or MM/DD/YYYY; 18 or older',
    aliases: ['DOB', 'Birth Date', 'Birthdate', 'Birthday'],
  },
  {
    key: 'providerType',
    header: 'Provider Type',
    requiredFor: ['ADD_UPDATE'],
    hint: 'a provider type code',
    choices: PROVIDER_TYPES,
    aliases: ['Type', 'Prov Type', 'Provider Type Code'],
  },
  {
    key: 'primaryTaxonomy',
    header: 'Primary Taxonomy',
    requiredFor: ['ADD_UPDATE'],
    hint: 'NUCC code, e.g. 207Q00000X',
    aliases: ['Taxonomy', 'Taxonomy Code', 'Primary Taxonomy Code', 'NUCC Taxonomy'],
  },
  {
    key: 'licenseNumber',
    header: 'License Number',
    requiredFor: [],
    requiredUnlessExempt: { importTypes: ['ADD_UPDATE'], exemptProviderTypes: ['ORP'] },
    hint: 'give it together with License State',
    aliases: ['License', 'License No', 'Lic Number', 'Lic No', 'State License Number'],
  },
  {
    key: 'licenseState',
    header: 'License State',
    requiredFor: [],
    requiredUnlessExempt: { importTypes: ['ADD_UPDATE'], exemptProviderTypes: ['ORP'] },
    hint: 'US state or territory code; give it together with License Number',
    choices: US_STATE_AND_TERRITORY_CODE_LIST,
    aliases: ['Lic State', 'State of License', 'Licensing State'],
  },
  {
    key: 'licenseExpirationDate',
    header: 'License Expiration Date',
    requiredFor: [],
    hint: 'after the effective date',
    aliases: ['License Expiration', 'License Exp Date', 'License Expiry', 'License Expiry Date', 'Lic Exp Date'],
  },
  {
    key: 'deaNumber',
    header: 'DEA Number',
    requiredFor: [],
    hint: '2 letters and 7 digits',
    aliases: ['DEA', 'DEA No'],
  },
  {
    key: 'caqhProviderId',
    header: 'CAQH Provider ID',
    requiredFor: [],
    hint: '1–10 digits',
    aliases: ['CAQH', 'CAQH ID', 'CAQH Number', 'CAQH No'],
  },
  {
    key: 'serviceLocation',
    header: 'Service Location',
    requiredFor: ['ADD_UPDATE', 'TERMINATE'],
    hint: 'one letter: a location of the group',
    choices: 'GROUP_SERVICE_LOCATIONS',
    aliases: ['SL', 'Location', 'Service Loc', 'Svc Location'],
  },
  {
    key: 'effectiveDate',
    header: 'Effective Date',
    requiredFor: ['ADD_UPDATE'],
    hint: 'YYYY-MM-DD or MM/DD/YYYY',
    aliases: ['Effective', 'Eff Date', 'Start Date'],
  },
  {
    key: 'endDate',
    header: 'End Date',
    requiredFor: ['TERMINATE'],
    hint: 'on or after the effective date',
    aliases: ['End', 'Term Date', 'Termination Date'],
  },
  { key: 'email', header: 'Email', requiredFor: [], hint: 'an e-mail address', aliases: ['Email Address'] },
  {
    key: 'phone',
    header: 'Phone',
    requiredFor: [],
    hint: '10 US digits',
    aliases: ['Phone Number', 'Telephone', 'Tel'],
  },
] as const satisfies readonly RosterColumnDefinition[];

export interface RosterColumnDefinition {
  key: string;
  /** The header as the template writes it; files are matched ignoring case and surrounding spaces. */
  header: string;
  /** Import types for which a file without this column is refused at upload, and each of its rows must fill it in. */
  requiredFor: readonly ImportType[];
  /**
   * A requirement of each row rather than of the file (the file may lack the column): rows of these import types
   * fill it in unless their Provider Type is exempt. License Number and License State: every type but ORP.
   */
  requiredUnlessExempt?: { importTypes: readonly ImportType[]; exemptProviderTypes: readonly ProviderType[] };
  /**
   * The values a cell may hold, when they are a list: fixed, or the service locations of the roster's group.
   * The template offers them as a drop-down.
   */
  choices?: readonly string[] | 'GROUP_SERVICE_LOCATIONS';
  /** One line for the template's users. */
  hint: string;
  /** Other names files use for this column: suggestions in messages, never a match. */
  aliases?: readonly string[];
}

export type RosterColumn = (typeof ROSTER_COLUMNS)[number];
export type RosterColumnKey = RosterColumn['key'];

/** Whether each row of an import type must fill a column in. */
export interface RosterColumnRequirement {
  required: boolean;
  /** Rows of these provider types may leave it blank even when `required`. */
  exceptProviderTypes: readonly ProviderType[];
}

const OPTIONAL: RosterColumnRequirement = { required: false, exceptProviderTypes: [] };
const REQUIRED: RosterColumnRequirement = { required: true, exceptProviderTypes: [] };

/** What the row validator requires of a column on a roster of this import type. */
export function rosterColumnRequirement(column: RosterColumnDefinition, importType: ImportType): RosterColumnRequirement {
  if (column.requiredFor.includes(importType)) return REQUIRED;
  const conditional = column.requiredUnlessExempt;
  if (conditional?.importTypes.includes(importType)) return { required: true, exceptProviderTypes: conditional.exemptProviderTypes };
  return OPTIONAL;
}
