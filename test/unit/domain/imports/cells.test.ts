import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  excelSerialToDate,
  headerKey,
  normaliseText,
  parseBoolean,
  parseDate,
  parseInteger,
  parseNumber,
} from '../../../../server/src/domain/imports/cells';

describe('reading spreadsheet cells as townships keep them', () => {
  it('folds full-width digits, letters and spaces to half-width', () => {
    expect(normaliseText('　ＡＢ１２３　')).toBe('AB123');
    expect(parseNumber('０．０２').ok && parseNumber('０．０２')).toEqual({ ok: true, value: 0.02 });
  });

  it('reads numbers typed as text with thousands separators, and refuses words', () => {
    expect(parseNumber('1,234.5')).toEqual({ ok: true, value: 1234.5 });
    expect(parseNumber(' 12 ')).toEqual({ ok: true, value: 12 });
    expect(parseNumber('未检出').ok).toBe(false);
    expect(parseNumber('12a').ok).toBe(false);
    expect(parseInteger('3.5').ok).toBe(false);
  });

  it('reads Excel serial dates in the 1900 system, including across its fictitious 29 February 1900', () => {
    // Excel: 1 = 1900-01-01, 59 = 1900-02-28, 61 = 1900-03-01, 45413 = 2024-05-01, 45658 = 2025-01-01.
    expect(excelSerialToDate(1)).toEqual({ ok: true, value: '1900-01-01' });
    expect(excelSerialToDate(59)).toEqual({ ok: true, value: '1900-02-28' });
    expect(excelSerialToDate(61)).toEqual({ ok: true, value: '1900-03-01' });
    expect(excelSerialToDate(45413)).toEqual({ ok: true, value: '2024-05-01' });
    expect(excelSerialToDate(45658.75)).toEqual({ ok: true, value: '2025-01-01' });
  });

  it('reads dates written in the usual Chinese ways and refuses impossible ones', () => {
    for (const text of [
      '2024-05-01',
      '2024/5/1',
      '2024.5.1',
      '2024年5月1日',
      '20240501',
      '2024-05-01 08:30',
      '２０２４年５月１日',
    ]) {
      expect(parseDate(text), text).toEqual({ ok: true, value: '2024-05-01' });
    }
    expect(parseDate('2023-02-29').ok).toBe(false);
    expect(parseDate('5/1/2024').ok).toBe(false);
    expect(parseDate(20240229)).toEqual({ ok: true, value: '2024-02-29' });
  });

  it('reads yes and no in Chinese and English', () => {
    expect(parseBoolean('是')).toEqual({ ok: true, value: true });
    expect(parseBoolean('已入驻')).toEqual({ ok: true, value: true });
    expect(parseBoolean('否')).toEqual({ ok: true, value: false });
    expect(parseBoolean('No')).toEqual({ ok: true, value: false });
    expect(parseBoolean('也许').ok).toBe(false);
  });

  it('compares headers loosely: width, case, spaces, punctuation and bracketed units do not matter', () => {
    expect(headerKey('经度（WGS84）')).toBe(headerKey('经度'));
    expect(headerKey(' Longitude ')).toBe(headerKey('longitude'));
    expect(headerKey('检测值(mg/kg)')).toBe(headerKey('检测值'));
    expect(headerKey('样品_编号')).toBe(headerKey('样品编号'));
  });

  it('round-trips every date from 1900-03-01 to 2100 through its serial number', () => {
    fc.assert(
      fc.property(fc.integer({ min: 61, max: 73050 }), (serial) => {
        const parsed = excelSerialToDate(serial);
        expect(parsed.ok).toBe(true);
        if (!parsed.ok) return;
        const days = (Date.parse(`${parsed.value}T00:00:00Z`) - Date.UTC(1899, 11, 30)) / 86_400_000;
        expect(days).toBe(serial);
      }),
    );
  });
});
