/**
 * Unified social credit codes (统一社会信用代码, GB 32100-2015) and their check characters: used to validate the
 * registry and to generate the demo county.
 *
 * Glossary:
 * - layout (18 characters): registration authority (1; 9 = market regulation) · entity kind (1; under 9: 1 enterprise,
 *   2 individual business 个体工商户, 3 farmers' co-operative) · registration division code (6) · organisation code
 *   (9, GB 11714: 8 characters and its own check character) · check character (1).
 * - charset: digits and upper-case letters without I, O, S, V, Z (31 characters, values 0–30).
 * - check character (GB 32100): C18 = 31 − (Σ value(Ci) · 3^(i−1) mod 31) mod 31, for i = 1…17.
 * - organisation-code check (GB 11714): C9 = 11 − (Σ value(Ci) · Wi mod 11), Wi = 3 7 9 10 5 8 4 2; 10 → X, 11 → 0.
 */
export const CREDIT_CODE_CHARSET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS_32100 = Array.from({ length: 17 }, (_, i) => 3 ** i % 31);
const WEIGHTS_11714 = [3, 7, 9, 10, 5, 8, 4, 2];

/** The GB 32100 check character for the first 17 characters of a credit code. */
export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new Error('a credit code body has 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const value = CREDIT_CODE_CHARSET.indexOf(first17[i] as string);
    if (value < 0) throw new Error(`character ${first17[i]} is not allowed in a credit code`);
    sum += value * (WEIGHTS_32100[i] as number);
  }
  return CREDIT_CODE_CHARSET[(31 - (sum % 31)) % 31] as string;
}

/** Whether an 18-character code has the right charset and GB 32100 check character. */
export function isValidCreditCode(code: string): boolean {
  if (!/^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/.test(code)) return false;
  return creditCodeCheckChar(code.slice(0, 17)) === code[17];
}

/** The GB 11714 check character of an 8-character organisation-code body. */
export function organisationCodeCheckChar(body8: string): string {
  if (body8.length !== 8) throw new Error('an organisation code body has 8 characters');
  let sum = 0;
  for (let i = 0; i < 8; i++) {
    const value = parseInt(body8[i] as string, 36);
    if (Number.isNaN(value)) throw new Error(`character ${body8[i]} is not allowed in an organisation code`);
    sum += value * (WEIGHTS_11714[i] as number);
  }
  const check = 11 - (sum % 11);
  return check === 10 ? 'X' : check === 11 ? '0' : String(check);
}
