/**
 * What a feature provides to make its records importable from spreadsheets (Excel/CSV) through the shared import
 * pipeline (upload → map columns → preview on a map with a row report → commit all or nothing).
 *
 * Glossary:
 * - target: one kind of record that can be imported (samples with results, soil samples, a roster, subjects …).
 * - field: something a target needs from a row; the user maps spreadsheet columns to fields once, and the mapping
 *   is remembered for the next file with the same headers. `aliases` are header texts that map automatically.
 * - raw row: the cell values of one spreadsheet row keyed by field, already normalised by the pipeline: strings
 *   trimmed and full-width characters folded to half-width, numbers parsed, Excel serial dates turned into
 *   'YYYY-MM-DD', coordinates converted from the chosen datum (GCJ-02 / BD-09) to WGS84 — see ImportContext.
 * - problem: what is wrong with a row, where (1-based spreadsheet row number and the column header), in both
 *   languages. Any problem stops the commit; nothing is written.
 */
import type { Queryable } from '../../db/engine';

import type { ImportField, RawRow, RowProblem } from '../../domain/imports/types';

export type { ImportField, ImportFieldType, RawRow, RowProblem } from '../../domain/imports/types';

export interface ImportContext {
  /** Spreadsheet row number of each raw row (same index). */
  rowNumbers: number[];
  /** Column header mapped to each field, for locating problems. */
  columnOf: (fieldKey: string) => string | null;
  user: string;
}

export type ParsedRow<Row> = { ok: true; value: Row } | { ok: false; problems: RowProblem[] };

export interface ImportTarget<Row> {
  id: string;
  label: { zh: string; en: string };
  fields: ImportField[];
  /** Checks one row on its own (types, ranges, enumerations); pure. */
  parseRow(raw: RawRow, rowNumber: number, context: ImportContext): ParsedRow<Row>;
  /** Checks needing all rows or the database (duplicates in the file or the database, unknown references). */
  validateAll?(db: Queryable, rows: Row[], context: ImportContext): Promise<RowProblem[]>;
  /** Writes every row inside the pipeline's transaction; throws to roll everything back. */
  write(db: Queryable, rows: Row[], context: ImportContext): Promise<{ inserted: number; updated: number }>;
  /** Points or shapes to draw in the preview, one per row where it has a location. */
  previewGeometry?(row: Row): { type: string; coordinates: unknown } | null;
}
