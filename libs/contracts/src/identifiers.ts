/** Identifiers of the provider master, as CONTRACT.md writes them. */

export const PID_PATTERN = /^\d{9}$/;
export const SERVICE_LOCATION_PATTERN = /^[A-Z]$/;
export const PIDSL_PATTERN = /^\d{9}[A-Z]$/;
export const NPI_PATTERN = /^\d{10}$/;

/** The group PID of a PID/SL such as `110000001A`. */
export function pidOf(pidsl: string): string {
  return pidsl.slice(0, 9);
}

/** The service-location letter of a PID/SL such as `110000001A`. */
export function serviceLocationOf(pidsl: string): string {
  return pidsl.slice(9);
}

/**
 * NPI check digit: Luhn over the prefix 80840 followed by the first nine digits
 * (CMS, "Requirements for the NPI check digit").
 */
export function npiCheckDigit(firstNineDigits: string): number {
  const digits = `80840${firstNineDigits}`;
  let sum = 0;
  for (let i = digits.length - 1, double = true; i >= 0; i--, double = !double) {
    let d = digits.charCodeAt(i) - 48;
    if (double) {
      d *= 2;
      if (d > 9) d -= 9;
    }
    sum += d;
  }
  return (10 - (sum % 10)) % 10;
}

export function isValidNpi(npi: string): boolean {
  return NPI_PATTERN.test(npi) && npiCheckDigit(npi.slice(0, 9)) === npi.charCodeAt(9) - 48;
}
