/**
 * Phone numbers that pass the schema's checks and look like real ones (but are drawn at random).
 *
 * Glossary:
 * - mobile: 11 digits, a carrier prefix (13x, 15x, 17x, 18x, 19x) and 8 more digits.
 * - landline: the Changji area code 0994, a hyphen and 7 digits (offices of the bureau and the township stations).
 */
import type { Rng } from './prng';

const MOBILE_PREFIXES = [
  '130',
  '131',
  '132',
  '133',
  '135',
  '136',
  '137',
  '138',
  '139',
  '150',
  '151',
  '152',
  '155',
  '156',
  '157',
  '158',
  '159',
  '166',
  '173',
  '177',
  '180',
  '181',
  '182',
  '183',
  '185',
  '186',
  '187',
  '188',
  '189',
  '191',
  '199',
];

export const PHONE_PATTERN = /^(1[3-9]\d{9}|0[1-9]\d{1,2}-?\d{7,8})$/;

/** Hands out distinct phone numbers. */
export class PhoneBook {
  private readonly used = new Set<string>();

  constructor(private readonly rng: Rng) {}

  mobile(): string {
    return this.unique(
      () => this.rng.pick(MOBILE_PREFIXES) + String(this.rng.int(0, 99_999_999)).padStart(8, '0'),
    );
  }

  landline(): string {
    return this.unique(
      () => `0994-${this.rng.int(2, 8)}${String(this.rng.int(0, 999_999)).padStart(6, '0')}`,
    );
  }

  private unique(make: () => string): string {
    for (;;) {
      const phone = make();
      if (!this.used.has(phone)) {
        this.used.add(phone);
        return phone;
      }
    }
  }
}
