import { describe, expect, it } from 'vitest';
import { makeCreditCode } from '../../../../server/src/domain/demo/credit-code';
import {
  creditCodeCheckChar,
  isValidCreditCode,
  organisationCodeCheckChar,
} from '../../../../server/src/domain/identifiers/credit-code';
import { Rng } from '../../../../server/src/domain/demo/prng';

// Published codes (the GB 32100 textbook example and codes printed on the business licences of large companies);
// each also carries a valid GB 11714 organisation-code check character in positions 9–17.
const PUBLISHED = [
  '91350100M000100Y43',
  '914403001922038216',
  '9144030071526726XG',
  '91110000802100433B',
  '91330100799655058B',
  '91110108551385082Q',
  '91440300708461136T',
  '91110000710925462X',
];

describe('unified social credit code check character (GB 32100-2015)', () => {
  it.each(PUBLISHED)('accepts the published code %s', (code) => {
    expect(creditCodeCheckChar(code.slice(0, 17))).toBe(code[17]);
    expect(isValidCreditCode(code)).toBe(true);
  });

  it.each(PUBLISHED)('finds the organisation-code check character inside %s (GB 11714)', (code) => {
    expect(organisationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
  });

  it('rejects a published code with one character changed', () => {
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('91350100M000200Y43')).toBe(false);
  });

  it('rejects codes with letters outside the charset or the wrong length', () => {
    expect(isValidCreditCode('91350100M000100I43')).toBe(false);
    expect(isValidCreditCode('91350100M000100Y4')).toBe(false);
    expect(() => creditCodeCheckChar('91350100M000100O4')).toThrow(/not allowed/);
  });

  it('maps a remainder of 0 to the check character 0', () => {
    // 17 zeros weigh nothing: 31 − 0 mod 31 = 0.
    expect(creditCodeCheckChar('0'.repeat(17))).toBe('0');
  });

  it('maps organisation-code remainders 10 and 11 to X and 0', () => {
    expect(organisationCodeCheckChar('71526726')).toBe('X');
    expect(organisationCodeCheckChar('00000000')).toBe('0');
  });

  it('generates valid codes for every entity kind, registered in the given division', () => {
    const rng = new Rng(11);
    for (const kind of ['enterprise', 'individual_business', 'cooperative'] as const) {
      for (let i = 0; i < 200; i++) {
        const code = makeCreditCode(rng, kind, '652399');
        expect(isValidCreditCode(code)).toBe(true);
        expect(code.slice(0, 8)).toBe(
          `9${{ enterprise: 1, individual_business: 2, cooperative: 3 }[kind]}652399`,
        );
        expect(organisationCodeCheckChar(code.slice(8, 16))).toBe(code[16]);
      }
    }
  });
});
