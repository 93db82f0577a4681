/** Random valid credit codes for the demo county's subjects (the check rules are in domain/identifiers). */
import { creditCodeCheckChar, organisationCodeCheckChar } from '../identifiers/credit-code';
import type { Rng } from './prng';

/** Entity kinds under registration authority 9 (market regulation). */
export type CreditEntityKind = 'enterprise' | 'individual_business' | 'cooperative';
const KIND_CHAR: Record<CreditEntityKind, string> = {
  enterprise: '1',
  individual_business: '2',
  cooperative: '3',
};

/** A random valid credit code for an entity registered in `division` (6 digits). */
export function makeCreditCode(rng: Rng, kind: CreditEntityKind, division: string): string {
  if (!/^\d{6}$/.test(division)) throw new Error('division must be 6 digits');
  // Organisation codes issued since 2015 mostly start with MA (enterprises) or a digit; a few carry letters.
  const prefix = kind === 'individual_business' ? 'L' : rng.chance(0.7) ? 'MA' : String(rng.int(1, 9));
  let body = prefix;
  while (body.length < 8)
    body += rng.chance(0.85) ? String(rng.int(0, 9)) : rng.pick([...'ABCDEFGHJKLMNPQRTUWXY']);
  const first17 = `9${KIND_CHAR[kind]}${division}${body}${organisationCodeCheckChar(body)}`;
  return first17 + creditCodeCheckChar(first17);
}
