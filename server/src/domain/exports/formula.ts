/**
 * Formula injection (CSV/Excel injection): a cell text beginning with = + - @ (or a tab or carriage return) can be
 * taken for a formula when the file is opened. Every text cell the app exports goes through this: such a text gets
 * a leading apostrophe, which Excel shows as plain text. Numbers are numbers and are left alone.
 */
const DANGEROUS = /^[=+\-@\t\r]/;

export function neutraliseFormula(value: string): string {
  return DANGEROUS.test(value) ? `'${value}` : value;
}
