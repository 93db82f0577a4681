/**
 * The shared spreadsheet-import pipeline: upload a file, map its columns to a target's fields (proposed
 * automatically, remembered once confirmed), preview the rows on a map with a row-by-row report, commit all or
 * nothing. Endpoints: GET /api/imports/targets, POST /api/imports (multipart, field "file"), GET /api/imports/:id,
 * POST /api/imports/:id/preview, POST /api/imports/:id/commit.
 */
import { z } from 'zod';
import type { FeatureCollection, Geometry } from './geojson';

export const DATUMS = ['wgs84', 'cgcs2000', 'gcj02', 'bd09'] as const;

export const ImportIdParam = z.object({ id: z.uuid() }).strict();

export const ImportRequest = z
  .object({
    target: z.string().min(1).max(60),
    /** Sheet name; the first sheet when omitted. */
    sheet: z.string().max(200).optional(),
    /** 1-based header row; detected when omitted. */
    headerRow: z.number().int().min(1).max(1000).optional(),
    /** Field key → column header (null: not imported). Omitted: the remembered or proposed mapping. */
    mapping: z.record(z.string().max(60), z.string().max(300).nullable()).optional(),
    /** Datum of the coordinates in the file: WGS84/CGCS2000 (GPS, Tianditu), GCJ-02 (Amap), BD-09 (Baidu). */
    datum: z.enum(DATUMS).default('wgs84'),
    /** Longitude and latitude are in each other's columns throughout the file. */
    swapAxes: z.boolean().default(false),
  })
  .strict();
export type ImportRequest = z.infer<typeof ImportRequest>;

export interface ImportFieldInfo {
  key: string;
  type: string;
  required: boolean;
  label: { zh: string; en: string };
  values?: { value: string; zh: string; en: string }[];
}

export interface ImportTargetInfo {
  id: string;
  label: { zh: string; en: string };
  fields: ImportFieldInfo[];
}

export interface ImportRowProblem {
  row: number;
  column: string | null;
  code: string;
  message: string;
}

export interface ImportFileSummary {
  id: string;
  filename: string;
  kind: 'xlsx' | 'xls' | 'csv';
  committedAt: string | null;
  sheets: {
    name: string;
    headerRow: number;
    headers: string[];
    rowCount: number;
    sample: Record<string, unknown>[];
  }[];
}

export interface ImportPreview {
  target: string;
  sheet: string;
  headerRow: number;
  headers: string[];
  mapping: Record<string, string | null>;
  mappingSource: 'request' | 'remembered' | 'proposed';
  mappingProblems: { field: string | null; column: string | null; message: string }[];
  rowCount: number;
  /** Rows without any problem. */
  validRowCount: number;
  /** The first problems (at most 1,000), in row order; problemCount says how many there are in all. */
  problems: ImportRowProblem[];
  problemCount: number;
  /** Where the valid rows are (at most 20,000 features, property `row`). */
  preview: FeatureCollection<{ row: number }, Geometry>;
}

export interface ImportCommitResult {
  target: string;
  rowCount: number;
  inserted: number;
  updated: number;
}
