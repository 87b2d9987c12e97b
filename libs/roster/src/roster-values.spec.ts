import { isValidDeaNumber, US_STATE_AND_TERRITORY_CODES } from './roster-values';

describe('isValidDeaNumber', () => {
  /*
   * Check digits worked out by hand: digits d1…d7, (d1+d3+d5) + 2×(d2+d4+d6), last digit = d7.
   *   AB1234563: 1+3+5 = 9;  2×(2+4+6) = 24; 33 → 3
   *   BJ6125341: 6+2+3 = 11; 2×(1+5+4) = 20; 31 → 1
   *   MO7654329: 7+5+3 = 15; 2×(6+4+2) = 24; 39 → 9
   *   FS0000000: 0 → 0
   */
  it.each(['AB1234563', 'BJ6125341', 'MO7654329', 'FS0000000', 'ab1234563'])('accepts %p', (dea) => {
    expect(isValidDeaNumber(dea)).toBe(true);
  });

  it.each([
    ['AB1234560', 'check digit should be 3'],
    ['BJ6125342', 'check digit should be 1'],
    ['MO7654321', 'check digit should be 9'],
    ['A11234563', 'second character is a digit'],
    ['1B1234563', 'first character is a digit'],
    ['AB123456', 'six digits'],
    ['AB12345633', 'eight digits'],
    ['ABC123456', 'three letters'],
    ['AB 1234563', 'a space'],
    ['', 'empty'],
  ])('refuses %p (%s)', (dea) => {
    expect(isValidDeaNumber(dea)).toBe(false);
  });
});

describe('US_STATE_AND_TERRITORY_CODES', () => {
  it('holds the 50 states, DC and the five territories', () => {
    expect(US_STATE_AND_TERRITORY_CODES.size).toBe(56);
    for (const code of ['MA', 'NY', 'CA', 'AK', 'HI', 'WY', 'DC', 'PR', 'GU', 'VI', 'AS', 'MP']) {
      expect(US_STATE_AND_TERRITORY_CODES.has(code)).toBe(true);
    }
    for (const code of ['XX', 'UK', 'ON', 'FM', 'ma', '']) expect(US_STATE_AND_TERRITORY_CODES.has(code)).toBe(false);
  });
});
