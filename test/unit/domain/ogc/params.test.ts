import { describe, expect, it } from 'vitest';
import {
  parseBbox,
  parseDatetime,
  parseFilterValue,
  parseLimit,
} from '../../../../server/src/domain/ogc/params';

describe('OGC API – Features query parameters', () => {
  it('caps limit at the maximum instead of refusing it, and refuses non-numbers', () => {
    expect(parseLimit(undefined)).toEqual({ ok: true, value: 100 });
    expect(parseLimit('50000')).toEqual({ ok: true, value: 10000 });
    expect(parseLimit('0').ok).toBe(false);
    expect(parseLimit('ten').ok).toBe(false);
  });

  it('reads 2D and 3D bounding boxes in CRS84 and refuses other CRS or inverted boxes', () => {
    expect(parseBbox('87,43.5,88,44.5', undefined)).toEqual({ ok: true, value: [87, 43.5, 88, 44.5] });
    expect(parseBbox('87,43.5,0,88,44.5,100', undefined)).toEqual({ ok: true, value: [87, 43.5, 88, 44.5] });
    expect(parseBbox('87,44.5,88,43.5', undefined).ok).toBe(false);
    expect(parseBbox('87,43.5,88', undefined).ok).toBe(false);
    expect(parseBbox('1,2,3,4', 'http://www.opengis.net/def/crs/EPSG/0/3857')).toMatchObject({
      ok: false,
      parameter: 'bbox-crs',
    });
  });

  it('reads instants, whole dates and open or closed intervals', () => {
    expect(parseDatetime('2024-05-01T08:00:00+08:00')).toEqual({
      ok: true,
      value: { start: '2024-05-01T00:00:00.000Z', end: '2024-05-01T00:00:00.000Z' },
    });
    expect(parseDatetime('2024-01-01/2024-12-31')).toEqual({
      ok: true,
      value: { start: '2024-01-01T00:00:00Z', end: '2024-12-31T23:59:59.999Z' },
    });
    expect(parseDatetime('../2024-12-31')).toEqual({
      ok: true,
      value: { start: null, end: '2024-12-31T23:59:59.999Z' },
    });
    expect(parseDatetime('2025-01-01/..')).toEqual({
      ok: true,
      value: { start: '2025-01-01T00:00:00Z', end: null },
    });
  });

  it('refuses malformed datetimes, fully open intervals and intervals that end before they start', () => {
    for (const bad of ['yesterday', '2024-13-01', '../..', '2024-12-31/2024-01-01', '2024/05/01']) {
      expect(parseDatetime(bad).ok, bad).toBe(false);
    }
  });

  it('types property filter values as their property', () => {
    expect(parseFilterValue('key_list', 'boolean', 'true')).toEqual({ ok: true, value: true });
    expect(parseFilterValue('population', 'integer', '12.5').ok).toBe(false);
    expect(parseFilterValue('name', 'string', '古湖村')).toEqual({ ok: true, value: '古湖村' });
  });
});
