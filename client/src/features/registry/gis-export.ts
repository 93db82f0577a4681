/**
 * The registry's list filters as the query of the OGC `subjects` export (GeoJSON, Shapefile, GeoPackage): the
 * filters that collection has (type, grid, credit class, key list, traceability, certificate, last update) carry
 * over; the others (search text, certification, retired or unlocated subjects, duplicates, "not rated") cannot,
 * and are named so the workspace can say so. The collection holds active subjects with a location only.
 */
import type { GridSummary } from '../../../../server/contracts/api';
import type { DownloadQuery } from '../layers/downloads';
import type { RegistryFilter } from './api';

export type UnappliedFilter = 'q' | 'certification' | 'status' | 'location' | 'duplicates' | 'creditClass';

export function gisExportQuery(
  filter: RegistryFilter,
  grids: readonly GridSummary[],
): { query: DownloadQuery; unapplied: UnappliedFilter[] } {
  const query: DownloadQuery = {};
  const unapplied: UnappliedFilter[] = [];
  if (filter.type) query.type = filter.type;
  if (filter.gridId) {
    const grid = grids.find((g) => String(g.id) === filter.gridId);
    if (grid?.level === 'village') query.village_code = grid.code;
    else if (grid?.level === 'township') query.township_code = grid.code;
  }
  if (filter.creditClass === 'none') unapplied.push('creditClass');
  else if (filter.creditClass) query.credit_class = filter.creditClass;
  if (filter.keyList) query.key_list = filter.keyList;
  if (filter.traceability) query.traceability = filter.traceability;
  if (filter.issuesCertificate) query.issues_certificate = filter.issuesCertificate;
  // The registry counts update days in China time (UTC+8), as the list does.
  if (filter.updatedFrom || filter.updatedTo) {
    const from = filter.updatedFrom ? `${filter.updatedFrom}T00:00:00+08:00` : '..';
    const to = filter.updatedTo ? `${filter.updatedTo}T23:59:59.999+08:00` : '..';
    query.datetime = `${from}/${to}`;
  }
  if (filter.q) unapplied.push('q');
  if (filter.certification) unapplied.push('certification');
  if (filter.status !== 'active') unapplied.push('status');
  if (filter.location === 'without') unapplied.push('location');
  if (filter.duplicates) unapplied.push('duplicates');
  return { query, unapplied };
}
