/** Phone numbers of roster people: a Chinese mobile (1[3-9] + 9 digits) or a landline with its area code. Pure. */
import { PHONE_RE } from '../../../contracts/grids';

/** Folds full-width digits and dashes, drops spaces: what people type in Excel on a Chinese keyboard. */
export function normalisePhone(input: string): string {
  return input
    .trim()
    .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
    .replace(/[\s\u3000]/g, '')
    .replace(/[－—–]/g, '-')
    .replace(/^\+?86(?=1[3-9]\d{9}$)/, '');
}

export function isValidPhone(input: string): boolean {
  return PHONE_RE.test(normalisePhone(input));
}
