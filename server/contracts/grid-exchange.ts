/**
 * Grids in and out of the app (issue 3, items 4, 7 and 9): the roster as an Excel workbook laid out like the roster
 * table of the grid-management plan, the grids as GeoJSON or a zipped Shapefile, and the import of grids from
 * GeoJSON, a zipped Shapefile or KML into a parent.
 */
import { z } from 'zod';
import { GridLevel } from './enums';
import { bilingual } from './messages';
import type { EditResult, ImportRowProblem } from './grids';
import type { Geometry } from './geojson';

/** PUT /api/grids/:id/roster.xlsx — the workbook travels base64-encoded in JSON (a roster is a few kB). */
export const RosterUpload = z
  .object({
    filename: z.string().trim().min(1).max(200).optional(),
    /** The .xlsx (or .xls / .csv) file, base64. */
    file: z.string().min(1).max(1_400_000),
    /** Check only: nothing is written. */
    dryRun: z.boolean().default(false),
  })
  .strict();
export type RosterUpload = z.infer<typeof RosterUpload>;

export interface RosterProblem {
  /** Row number as the spreadsheet shows it. */
  row: number;
  /** The column header (序号, 网格, 岗位, 姓名, 职务, 联系电话), or null for the row as a whole. */
  column: string | null;
  message: { zh: string; en: string };
}

/** The answer of a roster import; a rejected import answers 422 IMPORT_REJECTED with `details.problems`. */
export interface RosterImportResult {
  dryRun: boolean;
  grids: { id: number; name: string; people: number }[];
  people: number;
}

/** GET /api/grids/export.geojson|zip?level=&parentId= — grids of a level, of a parent, or both. */
export const GridExportQuery = z
  .object({
    level: GridLevel.optional(),
    parentId: z.coerce.number().int().positive().optional(),
  })
  .strict()
  .refine(
    (q) => q.level !== undefined || q.parentId !== undefined,
    bilingual('请指定层级（level）或上级网格（parentId）', 'Give a level or a parent (parentId)'),
  );
export type GridExportQuery = z.infer<typeof GridExportQuery>;

export interface ExportedGridProperties {
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parentCode: string | null;
  parentName: string | null;
  areaM2: number;
  staffed: boolean;
  /** "协管员：李四 13900000001；…" */
  rosterSummary: string;
  roster: { role: string; roleName: string; name: string; post: string; phone: string }[];
}

/** POST /api/grids/import?… (multipart, field "file"): preview (dryRun, the default) or commit. */
export const GridImportQuery = z
  .object({
    parentId: z.coerce.number().int().positive(),
    /** The coordinates' datum as the planner declares it: GCJ-02 and BD-09 are converted to WGS 84 / CGCS2000. */
    datum: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
    /** Attribute columns holding the name and the code (default: guessed from the column names). */
    nameField: z.string().trim().min(1).max(60).optional(),
    codeField: z.string().trim().min(1).max(60).optional(),
    /** replace: the imported grids become the parent's children (same code: same grid, roster kept); add: added. */
    mode: z.enum(['replace', 'add']).default('replace'),
    sliverM2: z.coerce.number().min(0).max(100_000).default(500),
    dryRun: z
      .enum(['true', 'false', '1', '0'])
      .default('true')
      .transform((v) => v === 'true' || v === '1'),
  })
  .strict();
export type GridImportQuery = z.infer<typeof GridImportQuery>;

export interface GridImportFeature {
  type: 'Feature';
  /** 1-based row (feature) number in the file. */
  row: number;
  geometry: Geometry | null;
  properties: { name: string | null; code: string | null; problems: number };
}

export interface GridImportReport {
  ok: boolean;
  dryRun: boolean;
  file: {
    format: 'geojson' | 'shapefile' | 'kml';
    /** What the coordinates were in, e.g. "EPSG:4490 (CGCS2000)" or "EPSG:4527 (CGCS2000 / 3-degree Gauss-Kruger zone 39)". */
    sourceCrs: string;
    datum: 'wgs84' | 'gcj02' | 'bd09';
    columns: string[];
    mapping: { name: string | null; code: string | null };
    featureCount: number;
  };
  /** The imported features as they would be saved (WGS 84 / CGCS2000), for the preview on the map. */
  features: GridImportFeature[];
  problems: ImportRowProblem[];
  /** What the import did (or would do): the parent's topology afterwards, subjects moved. */
  result: EditResult | null;
}
