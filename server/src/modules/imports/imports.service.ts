/**
 * The import pipeline: upload → (map columns) → preview → commit. Preview and commit run the SAME preparation, so
 * what the user previewed is exactly what is written; the commit re-checks everything inside its one transaction
 * (the database may have changed since the preview) and writes all rows or none.
 */
import { LRUCache } from 'lru-cache';
import type { ImportCommitResult, ImportFileSummary, ImportRequest } from '../../../contracts/imports';
import type { Db, Queryable } from '../../db/engine';
import {
  checkMapping,
  headerSignature,
  type Mapping,
  type MappingProblem,
  proposeMapping,
} from '../../domain/imports/mapping';
import { readRow } from '../../domain/imports/rows';
import { AppError } from '../../http/app-error';
import type { ImportContext, ImportTarget, RowProblem } from './import-target';
import { getFile, markCommitted, rememberedMapping, rememberMapping, storeFile } from './imports.repository';
import { IMPORT_TARGETS } from './registry';
import { type Sheet, type Workbook, readWorkbook } from './spreadsheet';

/** Parsed workbooks of recent uploads: mapping and previewing re-read the same file several times. */
const workbooks = new LRUCache<string, Workbook>({ max: 4 });

export interface Prepared {
  target: ImportTarget<unknown>;
  sheet: Sheet;
  signature: string;
  mapping: Mapping;
  mappingSource: 'request' | 'remembered' | 'proposed';
  mappingProblems: MappingProblem[];
  rows: unknown[];
  context: ImportContext;
  problems: RowProblem[];
  geometries: { row: number; geometry: { type: string; coordinates: unknown } }[];
}

function targetOf(id: string): ImportTarget<unknown> {
  const target = IMPORT_TARGETS.get(id);
  if (!target) {
    throw new AppError('VALIDATION_FAILED', [{ path: 'body.target', message: `unknown target ${id}` }], {
      zh: `没有导入类型「${id}」，可选：${[...IMPORT_TARGETS.keys()].join('、')}`,
      en: `There is no import target "${id}"; available: ${[...IMPORT_TARGETS.keys()].join(', ')}`,
    });
  }
  return target;
}

async function workbookOf(db: Queryable, id: string, lock = false) {
  const file = await getFile(db, id, lock);
  if (!file) throw new AppError('NOT_FOUND', { resource: 'import', id });
  let workbook = workbooks.get(id);
  if (!workbook) {
    workbook = await readWorkbook(file.data);
    workbooks.set(id, workbook);
  }
  return { file, workbook };
}

function summarise(
  id: string,
  filename: string,
  workbook: Workbook,
  committedAt: string | null,
): ImportFileSummary {
  return {
    id,
    filename,
    kind: workbook.kind,
    committedAt,
    sheets: workbook.sheetNames.map((name) => {
      const sheet = workbook.sheet(name);
      return {
        name,
        headerRow: sheet.headerRow,
        headers: sheet.headers,
        rowCount: sheet.rows.length,
        sample: sheet.rows.slice(0, 5).map((r) => r.cells),
      };
    }),
  };
}

export async function upload(
  db: Db,
  file: { filename: string; bytes: Buffer },
  user: string,
): Promise<ImportFileSummary> {
  const workbook = await readWorkbook(file.bytes); // refuses before anything is stored
  const id = await db.transaction((tx) => storeFile(tx, file.filename, workbook.kind, file.bytes), { user });
  workbooks.set(id, workbook);
  return summarise(id, file.filename, workbook, null);
}

export async function describeUpload(db: Queryable, id: string): Promise<ImportFileSummary> {
  const { file, workbook } = await workbookOf(db, id);
  return summarise(id, file.filename, workbook, file.committedAt);
}

async function chooseMapping(
  db: Queryable,
  target: ImportTarget<unknown>,
  sheet: Sheet,
  signature: string,
  request: ImportRequest,
) {
  if (request.mapping) {
    const mapping: Mapping = Object.fromEntries(target.fields.map((f) => [f.key, null]));
    return { mapping: { ...mapping, ...request.mapping }, source: 'request' as const };
  }
  const remembered = await rememberedMapping(db, target.id, signature);
  return {
    mapping: proposeMapping(target.fields, sheet.headers, remembered),
    source: remembered ? ('remembered' as const) : ('proposed' as const),
  };
}

function readRows(
  target: ImportTarget<unknown>,
  sheet: Sheet,
  mapping: Mapping,
  request: ImportRequest,
  user: string,
) {
  const rowNumbers: number[] = [];
  const context: ImportContext = { rowNumbers, columnOf: (key) => mapping[key] ?? null, user };
  const rows: unknown[] = [];
  const problems: RowProblem[] = [];
  const geometries: Prepared['geometries'] = [];
  for (const { row, cells } of sheet.rows) {
    const read = readRow(target.fields, cells, mapping, row, {
      datum: request.datum,
      swapAxes: request.swapAxes,
    });
    const parsed = read.ok ? target.parseRow(read.raw, row, context) : read;
    if (!parsed.ok) {
      problems.push(...parsed.problems);
      continue;
    }
    rows.push(parsed.value);
    rowNumbers.push(row);
    const geometry = target.previewGeometry?.(parsed.value);
    if (geometry) geometries.push({ row, geometry });
  }
  return { rows, context, problems, geometries };
}

export async function prepare(
  db: Queryable,
  workbook: Workbook,
  request: ImportRequest,
  user: string,
): Promise<Prepared> {
  const target = targetOf(request.target);
  const sheet = workbook.sheet(request.sheet, request.headerRow);
  const signature = headerSignature(sheet.headers);
  const { mapping, source } = await chooseMapping(db, target, sheet, signature, request);
  const mappingProblems = checkMapping(target.fields, sheet.headers, mapping);
  const base = { target, sheet, signature, mapping, mappingSource: source, mappingProblems };
  if (mappingProblems.length > 0) {
    // Rows are not read against a broken mapping: every row would only repeat the mapping's problem.
    return {
      ...base,
      rows: [],
      context: { rowNumbers: [], columnOf: () => null, user },
      problems: [],
      geometries: [],
    };
  }
  const read = readRows(target, sheet, mapping, request, user);
  const crossRow =
    read.rows.length > 0 && target.validateAll ? await target.validateAll(db, read.rows, read.context) : [];
  const problems = [...read.problems, ...crossRow].sort((a, b) => a.row - b.row);
  return { ...base, ...read, problems };
}

export async function preview(db: Db, id: string, request: ImportRequest, user: string): Promise<Prepared> {
  return db.transaction(
    async (tx) => {
      const { workbook } = await workbookOf(tx, id);
      return prepare(tx, workbook, request, user);
    },
    { readOnly: true },
  );
}

/** Writes every row or none; remembers the mapping; a file is committed once. */
export async function commit(
  db: Db,
  id: string,
  request: ImportRequest,
  user: string,
): Promise<{ result: ImportCommitResult } | { rejected: Prepared }> {
  try {
    return await db.transaction(
      async (tx) => {
        const { file, workbook } = await workbookOf(tx, id, true);
        if (file.committedAt)
          throw new AppError('ALREADY_COMMITTED', {
            committedAt: file.committedAt,
            target: file.committedTarget,
          });
        const prepared = await prepare(tx, workbook, request, user);
        if (prepared.mappingProblems.length > 0 || prepared.problems.length > 0) throw new Rejected(prepared);
        const written = await prepared.target.write(tx, prepared.rows, prepared.context);
        await markCommitted(tx, id, prepared.target.id);
        await rememberMapping(tx, prepared.target.id, prepared.signature, prepared.mapping, {
          datum: request.datum,
          swapAxes: request.swapAxes,
        });
        return { result: { target: prepared.target.id, rowCount: prepared.rows.length, ...written } };
      },
      { user },
    );
  } catch (error) {
    if (error instanceof Rejected) return { rejected: error.prepared };
    throw error;
  }
}

/** Thrown inside the commit's transaction so that it rolls back; caught outside to report the problems. */
class Rejected extends Error {
  constructor(readonly prepared: Prepared) {
    super('import rejected');
  }
}
