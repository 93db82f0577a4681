/**
 * Grid planning (issue 3): request schemas and response types of the planning endpoints under /api/grids.
 *
 * Glossary:
 * - parent / children: editing happens one level at a time inside a parent (the county's townships, a township's
 *   villages); the children must tile the parent: no gap, no overlap, nothing outside it.
 * - sliver: a gap, overlap or outside part smaller than `sliverM2` square metres; saves snap slivers away by
 *   reusing the neighbours' edges instead of refusing.
 * - carve: resolving an overlap of a new or redrawn grid by taking the area from the neighbours it overlaps.
 * - change: one save (edit, split, merge, import, revert, roster); its rows share a change id in the history.
 * - move: a production subject whose village grid changes because a boundary moved.
 */
import { z } from 'zod';
import { GridLevel, GridRole } from './enums';
import { AreaGeometry, LineStringGeometry, type Geometry } from './geojson';
import { bilingual, pattern } from './messages';

/** Default largest area (m²) of a gap, overlap or outside part that a save snaps away instead of refusing. */
export const DEFAULT_SLIVER_M2 = 500;
/** 1 亩 = 10000/15 m² (666.67 m²). */
export const M2_PER_MU = 10000 / 15;

export const PHONE_RE = /^(1[3-9]\d{9}|0[1-9]\d{1,2}-?\d{7,8})$/;

const code12 = pattern(/^\d{12}$/, '区划代码必须是 12 位数字', 'the division code must be 12 digits');
const gridName = z.string().trim().min(1).max(60);
const sliver = z.coerce.number().min(0).max(100_000).default(DEFAULT_SLIVER_M2);
const version = z.number().int().positive();

export const OverlapPolicy = z.enum(['refuse', 'carve']);
export type OverlapPolicy = z.infer<typeof OverlapPolicy>;

export const TownshipKind = z.enum(['street', 'town', 'township', 'farm']);
export const VillageKind = z.enum(['residents', 'villagers']);
export const CodeKind = z.union([TownshipKind, VillageKind]);
export type CodeKind = z.infer<typeof CodeKind>;

const editOptions = {
  /** What to do when the geometry overlaps a sibling by more than a sliver: refuse (default) or take the area. */
  overlap: OverlapPolicy.default('refuse'),
  sliverM2: sliver,
};

export const GridCreate = z
  .object({
    parentId: z.number().int().positive(),
    name: gridName,
    code: code12.optional(),
    kind: CodeKind.optional(),
    population: z.number().int().min(0).nullable().optional(),
    geometry: AreaGeometry,
    ...editOptions,
  })
  .strict();
export type GridCreate = z.infer<typeof GridCreate>;

export const GridUpdate = z
  .object({
    version,
    name: gridName.optional(),
    code: code12.optional(),
    population: z.number().int().min(0).nullable().optional(),
    geometry: AreaGeometry.optional(),
    ...editOptions,
  })
  .strict();
export type GridUpdate = z.infer<typeof GridUpdate>;

export const GridSplit = z
  .object({
    version,
    line: LineStringGeometry,
    /** Names of the new pieces after the first (which keeps the grid); suggested when absent. */
    names: z.array(gridName).max(20).optional(),
    sliverM2: sliver,
  })
  .strict();
export type GridSplit = z.infer<typeof GridSplit>;

export const GridMerge = z
  .object({
    grids: z
      .array(z.object({ id: z.number().int().positive(), version }).strict())
      .min(2)
      .max(20),
    /** Which grid's name, code and roster the merged grid keeps (default: the first). */
    keepId: z.number().int().positive().optional(),
    name: gridName.optional(),
    sliverM2: sliver,
  })
  .strict();
export type GridMerge = z.infer<typeof GridMerge>;

export const GridDeleteQuery = z
  .object({
    version: z.coerce.number().int().positive(),
    /** The sibling that takes over the area; without it the delete must not leave a gap (allowGap=true). */
    absorbInto: z.coerce.number().int().positive().optional(),
    allowGap: z
      .enum(['true', 'false'])
      .transform((v) => v === 'true')
      .optional(),
  })
  .strict();
export type GridDeleteQuery = z.infer<typeof GridDeleteQuery>;

/** Any edit, for POST /api/grids/preview (what would happen, nothing saved). */
export const GridEdit = z.discriminatedUnion('op', [
  GridCreate.extend({ op: z.literal('create') }),
  GridUpdate.extend({ op: z.literal('update'), id: z.number().int().positive() }),
  GridSplit.extend({ op: z.literal('split'), id: z.number().int().positive() }),
  GridMerge.extend({ op: z.literal('merge') }),
  z
    .object({
      op: z.literal('delete'),
      id: z.number().int().positive(),
      version,
      absorbInto: z.number().int().positive().optional(),
      allowGap: z.boolean().optional(),
    })
    .strict(),
]);
export type GridEdit = z.infer<typeof GridEdit>;
/** An edit as a client sends it (defaults such as overlap and sliverM2 may be left out). */
export type GridEditInput = z.input<typeof GridEdit>;

export const TopologyQuery = z.object({ sliverM2: sliver }).strict();
export const LevelTopologyQuery = z
  .object({ level: z.enum(['township', 'village']), sliverM2: sliver })
  .strict();

export const ChildrenQuery = z
  .object({
    /** A past moment (date or date-time, China time for a date): the children as they were then. */
    asOf: z.union([z.iso.date(), z.iso.datetime({ offset: true })]).optional(),
  })
  .strict();

export const NextCodeQuery = z
  .object({ parentId: z.coerce.number().int().positive(), kind: CodeKind.optional() })
  .strict();

export const HistoryQuery = z
  .object({ limit: z.coerce.number().int().min(1).max(500).default(100) })
  .strict();

export const ChangeParam = z.object({ changeId: z.coerce.number().int().min(1) }).strict();

const phone = z
  .string()
  .trim()
  .transform((value) =>
    value
      .replace(/[\uFF10-\uFF19]/g, (d) => String.fromCharCode(d.charCodeAt(0) - 0xfee0))
      .replace(/[\s\u3000]/g, '')
      .replace(/[－—–]/g, '-'),
  )
  .refine(
    (value) => PHONE_RE.test(value),
    bilingual(
      '电话号码格式不正确：应为 11 位手机号（1 开头）或带区号的座机号（如 0994-2345678）',
      'invalid phone number: an 11-digit mobile starting with 1, or a landline with its area code (e.g. 0994-2345678)',
    ),
  );

export const RosterPersonInput = z
  .object({
    id: z.number().int().positive().optional(),
    version: version.optional(),
    role: GridRole,
    name: z.string().trim().min(1).max(40),
    post: z.string().trim().max(60).default(''),
    phone,
  })
  .strict();
export type RosterPersonInput = z.infer<typeof RosterPersonInput>;

/** PUT /api/grids/:id/roster: the whole roster; `known` are the people (id, version) the editor loaded. */
export const RosterPut = z
  .object({
    people: z.array(RosterPersonInput).max(50),
    known: z.array(z.object({ id: z.number().int().positive(), version }).strict()).max(50),
  })
  .strict();
export type RosterPut = z.infer<typeof RosterPut>;

export const PosterQuery = z
  .object({
    size: z.enum(['A3', 'A4']).default('A3'),
    orientation: z.enum(['landscape', 'portrait']).default('landscape'),
    title: z.string().trim().min(1).max(60).optional(),
    source: z.string().trim().max(80).optional(),
    date: z.iso.date().optional(),
  })
  .strict();
export type PosterQuery = z.infer<typeof PosterQuery>;

export const ExportQuery = z
  .object({
    parentId: z.coerce.number().int().positive(),
    level: GridLevel.optional(),
  })
  .strict();

export const ImportParseQuery = z
  .object({
    filename: z.string().trim().min(1).max(200),
    datum: z.enum(['wgs84', 'gcj02', 'bd09']).default('wgs84'),
  })
  .strict();

export const GridImportCommit = z
  .object({
    parentId: z.number().int().positive(),
    /** The parsed features (WGS84 / CGCS2000) as returned by the parse step. */
    features: z
      .array(
        z
          .object({
            type: z.literal('Feature'),
            geometry: AreaGeometry.nullable(),
            properties: z.record(z.string(), z.unknown()).nullable(),
          })
          .loose(),
      )
      .min(1)
      .max(2000),
    mapping: z.object({ name: z.string().min(1), code: z.string().min(1).optional() }).strict(),
    /** replace: the imported grids replace all children of the parent; add: they are added to them. */
    mode: z.enum(['replace', 'add']).default('replace'),
    sliverM2: z.number().min(0).max(100_000).default(DEFAULT_SLIVER_M2),
  })
  .strict();
export type GridImportCommit = z.infer<typeof GridImportCommit>;

// ---------------------------------------------------------------------------------------------- responses

export interface AreaFigure {
  m2: number;
  mu: number;
}

export type ProblemKind = 'gap' | 'overlap' | 'outside' | 'invalid' | 'not_inside_children';

/** A topology problem, drawn on the map: where, how big, which grids. */
export interface TopologyProblem {
  kind: ProblemKind;
  gridIds: number[];
  names: string[];
  area: AreaFigure;
  /** A point inside the problem, to point at it. */
  at: [number, number] | null;
  geometry: Geometry | null;
}

export interface ParentTopology {
  parentId: number;
  parentName: string;
  childCount: number;
  /** Share of the parent's area covered by its children (100 when they tile it exactly). */
  coveragePct: number;
  gapArea: AreaFigure;
  overlapArea: AreaFigure;
  problems: TopologyProblem[];
}

export interface SubjectMove {
  id: number;
  code: string;
  name: string;
  from: { id: number; name: string } | null;
  to: { id: number; name: string } | null;
  at: [number, number];
}

export interface EditResult {
  /** The change id in the history (null for a preview). */
  changeId: number | null;
  created: number[];
  updated: number[];
  deleted: number[];
  /** Grids whose geometry the save adjusted (snapping, slivers, carving) beyond what was asked. */
  adjusted: { id: number; name: string; reason: 'snapped' | 'carved' | 'absorbed' }[];
  moves: SubjectMove[];
  /** "12 subjects move from 三道村 to 五里村". */
  moveSummary: { from: string | null; to: string | null; count: number }[];
  otherMoves: { samples: number; soilSamples: number };
  grids: GridFeatureLite[];
  topology: ParentTopology;
}

export interface GridLiteProperties {
  id: number;
  code: string;
  name: string;
  level: 'county' | 'township' | 'village';
  parentId: number | null;
  population: number | null;
  version: number;
  updatedAt: string;
  updatedBy: string;
  areaM2: number;
  staffed: boolean;
  subjectCount: number;
}

export interface GridFeatureLite {
  type: 'Feature';
  id: number;
  geometry: Geometry;
  properties: GridLiteProperties;
}

export interface ChildrenResponse {
  type: 'FeatureCollection';
  parent: GridFeatureLite;
  asOf: string | null;
  features: GridFeatureLite[];
}

export interface HistoryEntry {
  id: number;
  changeId: number;
  entity: 'grid_unit' | 'grid_person';
  entityId: number;
  gridId: number;
  op: 'insert' | 'update' | 'delete';
  entityVersion: number;
  changedFields: string[];
  note: string | null;
  at: string;
  by: string;
  /** Name of the grid (or person) before/after, for listing. */
  label: string;
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

export interface NextCode {
  code: string | null;
  kind: CodeKind;
  range: [string, string];
}

export interface ImportedFile {
  format: 'geojson' | 'shapefile' | 'kml';
  /** EPSG code the coordinates were in (after conversion everything is WGS84/CGCS2000). */
  sourceCrs: string;
  datum: 'wgs84' | 'gcj02' | 'bd09';
  columns: string[];
  /** Suggested mapping from the column names. */
  suggested: { name: string | null; code: string | null };
  features: { type: 'Feature'; geometry: Geometry | null; properties: Record<string, unknown> }[];
}

export interface ImportRowProblem {
  /** 1-based feature number in the file. */
  row: number;
  field: string | null;
  code: string;
  message: { zh: string; en: string };
  at?: [number, number] | null;
}

export interface ImportReport {
  ok: boolean;
  problems: ImportRowProblem[];
  result: EditResult | null;
}
