import { describe, expect, it } from 'vitest';
import {
  formatArea,
  formatDateTime,
  formatLength,
  formatMeasurement,
  formatMu,
  km2ToMu,
  telHref,
} from '../../../client/src/lib/format';

describe('area formatting', () => {
  it('converts one square kilometre to 1,500 mu using 666.67 m² per mu', () => {
    expect(km2ToMu(1)).toBeCloseTo(1_000_000 / 666.67, 6);
    expect(Math.round(km2ToMu(1))).toBe(1500);
  });

  it('shows a village grid in km² with two decimals and in whole mu', () => {
    expect(formatArea(12.3456, 'zh-CN')).toEqual({ km2: '12.35', mu: '18,518' });
  });

  it('keeps three decimals of km² and one decimal of mu for very small grids', () => {
    expect(formatArea(0.05, 'en')).toEqual({ km2: '0.050', mu: '75' });
    expect(formatArea(0.004, 'en')).toEqual({ km2: '0.004', mu: '6' });
  });

  it('prints a base area already in mu with one decimal', () => {
    expect(formatMu(86.25, 'zh-CN')).toBe('86.3');
    expect(formatMu(1234.5, 'en')).toBe('1,234.5');
  });
});

describe('other measurements', () => {
  it('writes track lengths in metres below a kilometre and in kilometres above', () => {
    expect(formatLength(850.4, 'zh-CN')).toBe('850 m');
    expect(formatLength(2345, 'en')).toBe('2.35 km');
  });

  it('keeps small residue values readable without exponents', () => {
    expect(formatMeasurement(0.0123, 'en')).toBe('0.0123');
    expect(formatMeasurement(1.5, 'en')).toBe('1.5');
    expect(formatMeasurement(0, 'en')).toBe('0');
    expect(formatMeasurement(152.34, 'en')).toBe('152.3');
  });
});

describe('dates and phones', () => {
  it('shows timestamps in China Standard Time whatever the machine time zone', () => {
    expect(formatDateTime('2024-05-02T18:30:00Z')).toBe('2024-05-03 02:30');
    expect(formatDateTime('2024-05-02T18:30:00Z', false)).toBe('2024-05-03');
  });

  it('returns an unparseable timestamp unchanged rather than "Invalid Date"', () => {
    expect(formatDateTime('not a date')).toBe('not a date');
  });

  it('makes tel: links of mobiles and of landlines written with an area code', () => {
    expect(telHref('13900000001')).toBe('tel:13900000001');
    expect(telHref('0994-2345678')).toBe('tel:09942345678');
  });
});
