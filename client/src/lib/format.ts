/**
 * Number, area, date and phone formatting for the inspector. Pure functions of their arguments (the language
 * is passed in) so they can be unit-tested without a browser.
 *
 * 亩 (mu): the Chinese land unit, 1 亩 = 666.67 m² (DOMAIN.md), so 1 km² = 1,500 亩 (to 0.0005 %).
 */
import type { UiLang } from '../app/i18n/messages';

export const SQUARE_METRES_PER_MU = 666.67;

export function km2ToMu(km2: number): number {
  return (km2 * 1_000_000) / SQUARE_METRES_PER_MU;
}

export function formatNumber(
  value: number,
  lang: UiLang,
  maximumFractionDigits = 0,
  minimumFractionDigits = 0,
): string {
  return new Intl.NumberFormat(lang, { maximumFractionDigits, minimumFractionDigits }).format(value);
}

/** Area in km² (2 decimals, 3 below 1 km²) and in 亩 (whole 亩 from 100 亩, else one decimal). */
export function formatArea(km2: number, lang: UiLang): { km2: string; mu: string } {
  const mu = km2ToMu(km2);
  return {
    km2: formatNumber(km2, lang, km2 < 1 ? 3 : 2, km2 < 1 ? 3 : 2),
    mu: formatNumber(mu, lang, mu >= 100 ? 0 : 1),
  };
}

/** A base area already in 亩 (the API rounds it to one decimal). */
export function formatMu(mu: number, lang: UiLang): string {
  return formatNumber(mu, lang, 1);
}

/** Track length: metres below 1 km, else km with two decimals. */
export function formatLength(metres: number, lang: UiLang): string {
  if (metres < 1000) return `${formatNumber(metres, lang, 0)} m`;
  return `${formatNumber(metres / 1000, lang, 2, 2)} km`;
}

/** A measured value: up to four significant digits, no exponent for the small residues labs report. */
export function formatMeasurement(value: number, lang: UiLang): string {
  if (value === 0) return '0';
  const digits = Math.max(0, Math.min(6, 3 - Math.floor(Math.log10(Math.abs(value)))));
  return formatNumber(value, lang, digits);
}

const CHINA_TIME_ZONE = 'Asia/Shanghai';

/** An ISO timestamp shown as China Standard Time, "2024-05-03 14:20", the way supervision records are kept. */
export function formatDateTime(iso: string, withTime = true): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: CHINA_TIME_ZONE,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(date);
  const part = (type: Intl.DateTimeFormatPartTypes) => parts.find((p) => p.type === type)?.value ?? '';
  const day = `${part('year')}-${part('month')}-${part('day')}`;
  return withTime ? `${day} ${part('hour')}:${part('minute')}` : day;
}

/** Today's date in China, "2026-11-23" (the calendar the server counts periods in). */
export function chinaToday(): string {
  return formatDateTime(new Date().toISOString(), false);
}

/** A tel: link target: digits and a leading + only (landlines are written 0994-2345678). */
export function telHref(phone: string): string {
  return `tel:${phone.replace(/[^\d+]/g, '')}`;
}
