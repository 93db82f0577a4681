/**
 * Resident identity card numbers (居民身份证号码, GB 11643-1999): 6-digit address code, 8-digit birth date, 3-digit
 * sequence (odd for men, even for women), and a check character computed with ISO 7064 MOD 11-2.
 * Kept only for the editor of a registry entry; everywhere else it is shown masked.
 */

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK = '10X98765432';

export const RESIDENT_ID_REASONS = {
  format: {
    zh: '身份证号应为 18 位（最后一位可为 X）',
    en: 'a resident ID number has 18 characters (the last may be X)',
  },
  region: { zh: '身份证号的地区码不存在', en: 'the region code of the resident ID number does not exist' },
  birthDate: {
    zh: '身份证号中的出生日期不正确',
    en: 'the birth date in the resident ID number is not valid',
  },
  checkDigit: { zh: '身份证号校验位不正确', en: 'the check digit of the resident ID number is wrong' },
} as const;

export type ResidentIdResult =
  | { ok: true; value: string }
  | { ok: false; reason: (typeof RESIDENT_ID_REASONS)[keyof typeof RESIDENT_ID_REASONS] };

export function residentIdCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * (WEIGHTS[i] as number);
  return CHECK[sum % 11] as string;
}

/** Checks a resident ID number; `today` ('YYYY-MM-DD') bounds the birth date. Lower-case x is accepted as X. */
export function checkResidentId(input: string, today: string): ResidentIdResult {
  const id = input.normalize('NFKC').trim().toUpperCase();
  if (!/^\d{17}[\dX]$/.test(id)) return { ok: false, reason: RESIDENT_ID_REASONS.format };
  const province = Number(id.slice(0, 2));
  if (province < 11 || province > 91) return { ok: false, reason: RESIDENT_ID_REASONS.region };
  const [y, m, d] = [Number(id.slice(6, 10)), Number(id.slice(10, 12)), Number(id.slice(12, 14))];
  const birth = new Date(Date.UTC(y, m - 1, d));
  const iso = `${id.slice(6, 10)}-${id.slice(10, 12)}-${id.slice(12, 14)}`;
  if (y < 1900 || birth.getUTCMonth() !== m - 1 || birth.getUTCDate() !== d || iso > today) {
    return { ok: false, reason: RESIDENT_ID_REASONS.birthDate };
  }
  if (residentIdCheckChar(id.slice(0, 17)) !== id[17])
    return { ok: false, reason: RESIDENT_ID_REASONS.checkDigit };
  return { ok: true, value: id };
}

/** '110105194912310021' → '110105********0021': the region and the last four stay, the birth date does not. */
export function maskResidentId(id: string): string {
  return id.length === 18 ? `${id.slice(0, 6)}********${id.slice(14)}` : '****';
}
