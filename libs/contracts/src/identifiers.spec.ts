import { businessDateOf } from './business-time';
import {
  isValidNpi,
  NPI_PATTERN,
  npiCheckDigit,
  PID_PATTERN,
  pidOf,
  PIDSL_PATTERN,
  SERVICE_LOCATION_PATTERN,
  serviceLocationOf,
} from './identifiers';

/**
 * Check digits worked out by hand with the CMS rule: double every other digit of the first
 * nine, starting with the rightmost, sum the digits of the products and the undoubled digits,
 * add 24 (the doubled-and-summed prefix 80840), and take what is needed to reach a multiple of 10.
 *   123456789: doubled 9,7,5,3,1 → 18,14,10,6,2 → 9+5+1+6+2 = 23; undoubled 8+6+4+2 = 20; 23+20+24 = 67 → 3
 *   100000000: doubled 1 → 2; 2+24 = 26 → 4
 *   999999999: doubled five 9s → 5×9 = 45; undoubled 4×9 = 36; 45+36+24 = 105 → 5
 *   110000001: doubled 1 (pos 9) and 1 (pos 1) → 2+2 = 4; undoubled 1; 4+1+24 = 29 → 1
 *   198765432: doubled 2,4,6,8,1 → 4,8,12→3,16→7,2 = 24; undoubled 3+5+7+9 = 24; 24+24+24 = 72 → 8
 *   000000000: 0+24 = 24 → 6
 */
const KNOWN_GOOD: Array<[string, number]> = [
  ['123456789', 3],
  ['100000000', 4],
  ['999999999', 5],
  ['110000001', 1],
  ['198765432', 8],
  ['000000000', 6],
];

describe('npiCheckDigit', () => {
  it.each(KNOWN_GOOD)('gives %s the check digit %i', (firstNine, digit) => {
    expect(npiCheckDigit(firstNine)).toBe(digit);
  });

  it('always returns a single digit', () => {
    for (let n = 0; n < 200; n++) {
      const digit = npiCheckDigit(String(100000000 + n * 4999991).slice(0, 9));
      expect(Number.isInteger(digit)).toBe(true);
      expect(digit).toBeGreaterThanOrEqual(0);
      expect(digit).toBeLessThanOrEqual(9);
    }
  });
});

describe('isValidNpi', () => {
  it.each(KNOWN_GOOD.map(([nine, digit]) => `${nine}${digit}`))('accepts %s', (npi) => {
    expect(isValidNpi(npi)).toBe(true);
  });

  it('accepts the CMS example NPI 1234567893', () => {
    expect(isValidNpi('1234567893')).toBe(true);
  });

  it('rejects every wrong check digit', () => {
    for (const [nine, good] of KNOWN_GOOD) {
      for (let d = 0; d <= 9; d++) {
        if (d !== good) expect(isValidNpi(`${nine}${d}`)).toBe(false);
      }
    }
  });

  it('rejects a transposition of two digits (Luhn detects it)', () => {
    expect(isValidNpi('1243567893')).toBe(false);
  });

  it.each([
    ['9 digits', '123456789'],
    ['11 digits', '12345678934'],
    ['11 digits ending in a valid NPI', '01234567893'],
    ['a letter', '12345678A3'],
    ['a letter as check digit', '123456789X'],
    ['surrounding spaces', ' 1234567893 '],
    ['a trailing newline', '1234567893\n'],
    ['punctuation', '123-456-7893'],
    ['the empty string', ''],
  ])('rejects %s', (_, npi) => {
    expect(isValidNpi(npi)).toBe(false);
  });
});

describe('pidOf / serviceLocationOf', () => {
  it('split a PID/SL into the group PID and the location letter', () => {
    expect(pidOf('110000001A')).toBe('110000001');
    expect(serviceLocationOf('110000001A')).toBe('A');
    expect(pidOf('987654321Z')).toBe('987654321');
    expect(serviceLocationOf('987654321Z')).toBe('Z');
  });

  it('put back together give the same PID/SL', () => {
    const pidsl = '210000042C';
    expect(`${pidOf(pidsl)}${serviceLocationOf(pidsl)}`).toBe(pidsl);
  });
});

describe('identifier patterns', () => {
  it('PID: exactly 9 digits', () => {
    expect(PID_PATTERN.test('110000001')).toBe(true);
    for (const bad of ['11000001', '1100000011', '11000000A', '110000001A', '', ' 110000001']) {
      expect(PID_PATTERN.test(bad)).toBe(false);
    }
  });

  it('SL: one uppercase letter', () => {
    expect(SERVICE_LOCATION_PATTERN.test('A')).toBe(true);
    expect(SERVICE_LOCATION_PATTERN.test('Z')).toBe(true);
    for (const bad of ['a', 'AB', '1', '', 'É']) {
      expect(SERVICE_LOCATION_PATTERN.test(bad)).toBe(false);
    }
  });

  it('PID/SL: 9 digits and one uppercase letter', () => {
    expect(PIDSL_PATTERN.test('110000001A')).toBe(true);
    for (const bad of ['11000001A', '110000001a', '110000001', '110000001AB', '1100000011A', 'A110000001']) {
      expect(PIDSL_PATTERN.test(bad)).toBe(false);
    }
  });

  it('NPI: exactly 10 digits (the check digit is isValidNpi\'s job)', () => {
    expect(NPI_PATTERN.test('1234567893')).toBe(true);
    expect(NPI_PATTERN.test('1234567890')).toBe(true);
    for (const bad of ['123456789', '12345678901', '123456789A', '']) {
      expect(NPI_PATTERN.test(bad)).toBe(false);
    }
  });
});

describe('businessDateOf', () => {
  it('reads the calendar date in New York, across the UTC midnight and DST changes', () => {
    expect(businessDateOf(new Date('2026-11-25T03:30:00Z'))).toBe('2026-11-24');
    expect(businessDateOf(new Date('2026-11-25T05:30:00Z'))).toBe('2026-11-25');
    // 8 March 2026: clocks go forward at 07:00 UTC; 03:59 UTC is still the 7th (EST, UTC-5).
    expect(businessDateOf(new Date('2026-03-08T04:59:00Z'))).toBe('2026-03-07');
    expect(businessDateOf(new Date('2026-07-01T03:59:00Z'))).toBe('2026-06-30');
    expect(businessDateOf(new Date('2026-07-01T04:00:00Z'))).toBe('2026-07-01');
  });
});
