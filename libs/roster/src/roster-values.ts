/** Value rules of single roster fields that are also useful outside row validation. */

/** Gender codes a roster row may hold. */
export const ROSTER_GENDERS = ['M', 'F', 'O', 'U'] as const;
export type Gender = (typeof ROSTER_GENDERS)[number];

/** The 50 states, DC and the five inhabited territories (PR, GU, VI, AS, MP), in the order a list shows them. */
export const US_STATE_AND_TERRITORY_CODE_LIST: readonly string[] = (
  'AL AK AZ AR CA CO CT DE FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO ' +
  'MT NE NV NH NJ NM NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY ' +
  'DC PR GU VI AS MP'
).split(' ');

/** The same codes as a set: what License State accepts (in either case). */
export const US_STATE_AND_TERRITORY_CODES: ReadonlySet<string> = new Set(US_STATE_AND_TERRITORY_CODE_LIST);

const DEA_PATTERN = /^[A-Za-z]{2}[0-9]{7}$/;

/** Two letters and seven digits (letters in either case). */
export function hasDeaNumberFormat(value: string): boolean {
  return DEA_PATTERN.test(value);
}

/**
 * The DEA check digit of a value that has the DEA format: with the seven digits d1…d7,
 * ((d1 + d3 + d5) + 2 × (d2 + d4 + d6)) mod 10 must equal d7.
 */
export function hasValidDeaCheckDigit(value: string): boolean {
  const odd = value.charCodeAt(2) + value.charCodeAt(4) + value.charCodeAt(6) - 3 * 48;
  const even = value.charCodeAt(3) + value.charCodeAt(5) + value.charCodeAt(7) - 3 * 48;
  return (odd + 2 * even) % 10 === value.charCodeAt(8) - 48;
}

/** A DEA registration number: 2 letters + 7 digits whose last is the DEA check digit. */
export function isValidDeaNumber(value: string): boolean {
  return hasDeaNumberFormat(value) && hasValidDeaCheckDigit(value);
}
