import { readFileSync } from 'node:fs';
import type { GridLevel } from '../../../server/contracts/enums';

const TEMPLATE = readFileSync(new URL('./grids.sql', import.meta.url), 'utf8');

/** The layer query of the grids of one level: the three grid layers differ only in it (and in their limits). */
export function gridsQuery(level: GridLevel): string {
  // The level is one of three constants of the code, never request input.
  return TEMPLATE.replaceAll('{{level}}', level);
}

/** Grid tiles show `staffed`, which depends on the roster (grid_person) and on the required roles (grid_role). */
export const GRID_SOURCES = ['grid_unit', 'grid_person', 'grid_role'];
