/**
 * The registry's filters as the query of the OGC subjects export (what carries over, what is named as not
 * applied), and the location hash that opens a subject's card in the registry.
 */
import { describe, expect, it } from 'vitest';
import type { GridSummary } from '../../../server/contracts/api';
import { EMPTY_FILTER } from '../../../client/src/features/registry/api';
import { gisExportQuery } from '../../../client/src/features/registry/gis-export';
import { registryHash, subjectFromHash } from '../../../client/src/features/registry/registry-hash';

const grids: GridSummary[] = [
  { id: 10, code: '220122100000', name: '合隆镇', level: 'township', parentId: 1, population: null },
  { id: 11, code: '220122100201', name: '一村', level: 'village', parentId: 10, population: null },
];

describe('registry filters as a GIS export query', () => {
  it('exports everything located and active without filters', () => {
    expect(gisExportQuery(EMPTY_FILTER, grids)).toEqual({ query: {}, unapplied: [] });
  });

  it('carries over type, grid (by code, township or village), credit class, flags and update days in China time', () => {
    const township = gisExportQuery(
      {
        ...EMPTY_FILTER,
        type: 'cooperative',
        gridId: '10',
        creditClass: 'C',
        keyList: 'true',
        traceability: 'false',
        issuesCertificate: 'true',
        updatedFrom: '2025-01-01',
      },
      grids,
    );
    expect(township).toEqual({
      query: {
        type: 'cooperative',
        township_code: '220122100000',
        credit_class: 'C',
        key_list: 'true',
        traceability: 'false',
        issues_certificate: 'true',
        datetime: '2025-01-01T00:00:00+08:00/..',
      },
      unapplied: [],
    });
    const village = gisExportQuery({ ...EMPTY_FILTER, gridId: '11', updatedTo: '2024-12-31' }, grids);
    expect(village.query).toEqual({
      village_code: '220122100201',
      datetime: '../2024-12-31T23:59:59.999+08:00',
    });
  });

  it('names the filters an export cannot apply', () => {
    const { unapplied } = gisExportQuery(
      {
        ...EMPTY_FILTER,
        q: '合作社',
        certification: 'green',
        status: 'all',
        location: 'without',
        duplicates: 'true',
        creditClass: 'none',
      },
      grids,
    );
    expect(unapplied.sort()).toEqual(
      ['certification', 'creditClass', 'duplicates', 'location', 'q', 'status'].sort(),
    );
    expect(gisExportQuery({ ...EMPTY_FILTER, location: 'with' }, grids).unapplied).toEqual([]);
  });
});

describe('registry location hash', () => {
  it('reads the subject of #/registry/subject/<id> and nothing else', () => {
    expect(subjectFromHash(registryHash(42))).toBe(42);
    expect(subjectFromHash(registryHash(null))).toBeNull();
    for (const hash of [
      '#/registry/subject/',
      '#/registry/subject/0',
      '#/registry/subject/1x',
      '#/map/subject/3',
      '',
    ])
      expect(subjectFromHash(hash), hash).toBeNull();
  });
});
