/**
 * Importing grid boundaries into a parent (issue 3 item 7): the whole file is checked first — every feature with
 * its row number (geometry type and validity, name, code, inside the parent, overlaps between features and with
 * the grids kept, gaps left in the parent) — and then applied in one transaction with the same code as an edit
 * (fitIntoParent: snapping to the parent and neighbours, slivers removed; subjects follow their village; the level
 * verified as a whole), or not at all. A preview (dry run) does all of it and rolls back.
 *
 * replace: the features become the parent's children. A feature with the code of a child, or (without a code
 * column) its name, updates that child (its id, roster and history stay); the other children are retired, their
 * people moving to the imported grid that covers most of them. add: the features are added to the children.
 */
import type { GridImportFeature, GridImportQuery, GridImportReport } from '../../../contracts/grid-exchange';
import type { ImportRowProblem, TopologyProblem } from '../../../contracts/grids';
import { M2_PER_MU } from '../../../contracts/grids';
import type { Db, Queryable } from '../../db/engine';
import { checkChildCode, defaultKind, suggestNextCode } from '../../domain/grids/codes';
import { AppError } from '../../http/app-error';
import {
  allCodesWithPrefix,
  deleteGrid,
  hexOfGeoJSON,
  insertGrid,
  type LockedGrid,
  movePeople,
  siblingsOf,
  updateGrid,
  validity,
} from './grid-edit.repository';
import { fitIntoParent, reassign, retire, startOutcome, summarise, verify } from './grid-edit.service';
import {
  convertDatum,
  type GridFile,
  MAX_VERTICES,
  readGridFile,
  suggestMapping,
  vertexCount,
} from './grid-import';
import { NOISE_M2 } from './grid-topology.repository';

const mu = (m2: number) => (m2 / M2_PER_MU).toFixed(2);

interface Row {
  row: number;
  name: string | null;
  code: string | null;
  geometry: { type: string; coordinates: unknown } | null;
  hex: string | null;
}

class Rollback extends Error {
  constructor(readonly report: GridImportReport) {
    super('rollback');
  }
}

/** An attribute as text: trimmed, spaces collapsed; not NFKC-folded, so full-width brackets in names stay. */
const text = (value: unknown): string | null => {
  if (value === null || value === undefined) return null;
  const s = String(value).replace(/\s+/g, ' ').trim();
  return s === '' ? null : s;
};

function mappingError(column: string, columns: string[]): AppError {
  return new AppError(
    'MAPPING_INVALID',
    { column, columns },
    {
      zh: `文件中没有“${column}”列（可选：${columns.join('、') || '无属性列'}）`,
      en: `The file has no column “${column}” (columns: ${columns.join(', ') || 'none'})`,
    },
  );
}

/** Reads the file, checks it as a whole, and applies it (commit) or rolls back (dry run). */
export async function importGrids(
  db: Db,
  bytes: Buffer,
  filename: string,
  query: GridImportQuery,
  user: string,
): Promise<GridImportReport> {
  const file: GridFile = await readGridFile(bytes, filename);
  const features = convertDatum(file.features, query.datum);
  const suggested = suggestMapping(file.columns);
  const nameField = query.nameField ?? suggested.name;
  const codeField = query.codeField ?? (query.nameField ? null : suggested.code);
  if (query.nameField && !file.columns.includes(query.nameField))
    throw mappingError(query.nameField, file.columns);
  if (query.codeField && !file.columns.includes(query.codeField))
    throw mappingError(query.codeField, file.columns);
  if (!nameField)
    throw new AppError(
      'MAPPING_INVALID',
      { columns: file.columns },
      {
        zh: `请指定哪一列是网格名称（可选：${file.columns.join('、') || '无属性列'}）`,
        en: `Choose the column that holds the grid names (columns: ${file.columns.join(', ') || 'none'})`,
      },
    );
  const rows: Row[] = features.map((f, k) => ({
    row: k + 1,
    name: text(f.properties[nameField]),
    code: codeField ? (text(f.properties[codeField])?.normalize('NFKC') ?? null) : null,
    geometry: f.geometry,
    hex: null,
  }));
  const report: GridImportReport = {
    ok: false,
    dryRun: query.dryRun,
    file: {
      format: file.format,
      sourceCrs: file.sourceCrs,
      datum: query.datum,
      columns: file.columns,
      mapping: { name: nameField, code: codeField },
      featureCount: rows.length,
    },
    features: [],
    problems: [],
    result: null,
  };
  try {
    return await db.transaction(
      async (tx) => {
        await tx.query(`SELECT set_config('app.change_note', $1, true)`, [`import ${file.format}`]);
        await check(tx, rows, query, report);
        report.features = rows.map(featureOf(report.problems));
        if (report.problems.length) throw new Rollback(report);
        try {
          report.result = await apply(tx, rows, query);
        } catch (error) {
          if (!(error instanceof AppError) || error.status === 404 || error.status === 409) throw error;
          report.problems.push(...problemsOf(error, rows));
          throw new Rollback(report);
        }
        report.ok = true;
        if (query.dryRun) throw new Rollback(report);
        return report;
      },
      { user },
    );
  } catch (error) {
    if (!(error instanceof Rollback)) throw error;
    if (!query.dryRun && !error.report.ok) throw rejected(error.report);
    return error.report;
  }
}

function featureOf(problems: ImportRowProblem[]) {
  return (r: Row): GridImportFeature => ({
    type: 'Feature',
    row: r.row,
    geometry: r.geometry as GridImportFeature['geometry'],
    properties: { name: r.name, code: r.code, problems: problems.filter((p) => p.row === r.row).length },
  });
}

function rejected(report: GridImportReport): AppError {
  const first = report.problems
    .slice(0, 3)
    .map((p) => (p.row ? `第 ${p.row} 个要素：${p.message.zh}` : p.message.zh))
    .join('；');
  const firstEn = report.problems
    .slice(0, 3)
    .map((p) => (p.row ? `feature ${p.row}: ${p.message.en}` : p.message.en))
    .join('; ');
  return new AppError('IMPORT_REJECTED', report, {
    zh: `导入文件有 ${report.problems.length} 处问题，未导入任何网格。${first}`,
    en: `The file has ${report.problems.length} problem(s); no grid was imported. ${firstEn}`,
  });
}

/** An edit refusal (topology, invalid geometry, subjects lost) as rows of the report. */
function problemsOf(error: AppError, rows: Row[]): ImportRowProblem[] {
  const details = error.details as { problems?: TopologyProblem[] } | undefined;
  const rowOf = (names: string[]) => rows.find((r) => r.name !== null && names.includes(r.name))?.row ?? 0;
  const message = error.messages ?? { zh: error.message, en: error.message };
  if (details?.problems?.length)
    return details.problems.map((p) => ({
      row: rowOf(p.names),
      field: null,
      code: p.kind,
      message,
      at: p.at,
    }));
  return [{ row: 0, field: null, code: error.code, message }];
}

async function check(tx: Queryable, rows: Row[], query: GridImportQuery, report: GridImportReport) {
  const problems = report.problems;
  const add = (
    row: number,
    field: string | null,
    code: string,
    zh: string,
    en: string,
    at?: [number, number] | null,
  ) => problems.push({ row, field, code, message: { zh, en }, ...(at === undefined ? {} : { at }) });
  const { rows: parents } = await tx.query<{
    id: number;
    code: string;
    name: string;
    level: string;
    hex: string;
  }>(
    `SELECT id::int AS id, code, name, level, encode(ST_AsEWKB(geom), 'hex') AS hex FROM grid_unit WHERE id = $1`,
    [query.parentId],
  );
  const parent = parents[0];
  if (!parent) throw new AppError('NOT_FOUND', { resource: 'grid', id: query.parentId });
  if (parent.level === 'village')
    throw new AppError(
      'EDIT_REFUSED',
      { id: parent.id },
      {
        zh: '村级网格下不能再划分网格：请选择县或乡镇作为导入范围',
        en: 'A village grid has no child grids: import into a county or a township',
      },
    );
  const level = parent.level === 'county' ? 'township' : 'village';
  const { rows: children } = await tx.query<{ id: number; code: string; name: string; kids: number }>(
    `SELECT g.id::int AS id, g.code, g.name, (SELECT count(*)::int FROM grid_unit c WHERE c.parent_id = g.id) AS kids
     FROM grid_unit g WHERE g.parent_id = $1`,
    [parent.id],
  );
  const names = new Map<string, number>();
  const codes = new Map<string, number>();
  for (const r of rows) {
    const g = r.geometry;
    if (!g || (g.type !== 'Polygon' && g.type !== 'MultiPolygon')) {
      add(
        r.row,
        'geometry',
        'not_polygon',
        `不是面要素（${g?.type ?? '无几何'}）：网格边界必须是多边形`,
        `not an area (${g?.type ?? 'no geometry'}): a grid boundary must be a polygon`,
      );
      r.geometry = null;
    } else if (vertexCount(g) > MAX_VERTICES) {
      add(
        r.row,
        'geometry',
        'too_many_vertices',
        `边界有 ${vertexCount(g)} 个顶点，超过 ${MAX_VERTICES} 个的上限，请先简化`,
        `the boundary has ${vertexCount(g)} vertices, more than ${MAX_VERTICES}: simplify it first`,
      );
      r.geometry = null;
    } else if (vertexCount(g) < 4) {
      add(r.row, 'geometry', 'empty', '边界为空或点数过少', 'the boundary is empty or has too few points');
      r.geometry = null;
    }
    if (!r.name) add(r.row, report.file.mapping.name, 'no_name', '网格名称为空', 'the grid name is empty');
    else if (r.name.length > 60)
      add(
        r.row,
        report.file.mapping.name,
        'name_too_long',
        '网格名称超过 60 个字',
        'the grid name is longer than 60 characters',
      );
    else if (names.has(r.name))
      add(
        r.row,
        report.file.mapping.name,
        'duplicate_name',
        `名称“${r.name}”与第 ${names.get(r.name)} 个要素重复`,
        `the name “${r.name}” repeats feature ${names.get(r.name)}`,
      );
    else names.set(r.name, r.row);
    if (r.code) {
      const ok = checkChildCode(r.code, parent.code, level);
      if (!ok.ok)
        add(
          r.row,
          report.file.mapping.code,
          'bad_code',
          `代码“${r.code}”：${ok.zh}`,
          `code “${r.code}”: ${ok.en}`,
        );
      else if (codes.has(r.code))
        add(
          r.row,
          report.file.mapping.code,
          'duplicate_code',
          `代码“${r.code}”与第 ${codes.get(r.code)} 个要素重复`,
          `the code “${r.code}” repeats feature ${codes.get(r.code)}`,
        );
      else {
        codes.set(r.code, r.row);
        const child = children.find((c) => c.code === r.code);
        if (!child || query.mode === 'add') {
          const { rows: taken } = await tx.query<{ name: string }>(
            'SELECT name FROM grid_unit WHERE code = $1',
            [r.code],
          );
          if (taken[0])
            add(
              r.row,
              report.file.mapping.code,
              'code_taken',
              `代码“${r.code}”已被“${taken[0].name}”使用`,
              `the code “${r.code}” is already used by “${taken[0].name}”`,
            );
        }
      }
    }
    if (query.mode === 'add' && r.name && children.some((c) => c.name === r.name))
      add(
        r.row,
        report.file.mapping.name,
        'name_taken',
        `“${parent.name}”下已有名为“${r.name}”的网格`,
        `“${parent.name}” already has a grid named “${r.name}”`,
      );
    if (!r.geometry) continue;
    const invalid = await validity(tx, r.geometry);
    if (invalid) {
      add(
        r.row,
        'geometry',
        'invalid',
        `边界无效：${invalid.reason}${invalid.location ? `（${invalid.location[0].toFixed(6)}, ${invalid.location[1].toFixed(6)}）` : ''}`,
        `invalid boundary: ${invalid.reason}`,
        invalid.location,
      );
      continue;
    }
    r.hex = await hexOfGeoJSON(tx, r.geometry);
  }
  const valid = rows.filter((r) => r.hex !== null);
  if (!valid.length) return;
  const hexes = valid.map((r) => r.hex as string);
  // Outside the parent.
  const { rows: outside } = await tx.query<{ k: number; m2: number; at: [number, number] | null }>(
    `SELECT k::int AS k, ST_Area(d::geography) AS m2,
       CASE WHEN ST_IsEmpty(d) THEN NULL ELSE json_build_array(ST_X(ST_PointOnSurface(d)), ST_Y(ST_PointOnSurface(d))) END AS at
     FROM unnest($1::text[]) WITH ORDINALITY AS f(h, k), grid_unit p
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Difference(h::geometry, p.geom), 3) AS d) x
     WHERE p.id = $2 AND NOT ST_CoveredBy(h::geometry, p.geom)`,
    [hexes, parent.id],
  );
  for (const o of outside)
    if (o.m2 > query.sliverM2) {
      const r = valid[o.k - 1] as Row;
      add(
        r.row,
        'geometry',
        'outside',
        `有 ${o.m2.toFixed(0)} m²（${mu(o.m2)} 亩）超出“${parent.name}”`,
        `${o.m2.toFixed(0)} m² (${mu(o.m2)} mu) lie outside “${parent.name}”`,
        o.at,
      );
    }
  // Overlaps between the features.
  const { rows: overlaps } = await tx.query<{ a: number; b: number; m2: number; at: [number, number] }>(
    `WITH f AS (SELECT k::int AS k, h::geometry AS g FROM unnest($1::text[]) WITH ORDINALITY AS t(h, k))
     SELECT a.k AS a, b.k AS b, ST_Area(ov::geography) AS m2,
       json_build_array(ST_X(ST_PointOnSurface(ov)), ST_Y(ST_PointOnSurface(ov))) AS at
     FROM f a JOIN f b ON a.k < b.k AND a.g && b.g AND ST_Relate(a.g, b.g, '2********')
     CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(a.g, b.g), 3) AS ov) x
     ORDER BY a.k, b.k`,
    [hexes],
  );
  for (const o of overlaps)
    if (o.m2 > query.sliverM2) {
      const [ra, rb] = [valid[o.a - 1] as Row, valid[o.b - 1] as Row];
      add(
        rb.row,
        'geometry',
        'overlap',
        `与第 ${ra.row} 个要素“${ra.name ?? ''}”重叠 ${o.m2.toFixed(0)} m²（${mu(o.m2)} 亩）`,
        `overlaps feature ${ra.row} “${ra.name ?? ''}” by ${o.m2.toFixed(0)} m² (${mu(o.m2)} mu)`,
        o.at,
      );
    }
  if (query.mode === 'add') {
    const { rows: hits } = await tx.query<{ k: number; name: string; m2: number; at: [number, number] }>(
      `SELECT k::int AS k, s.name, ST_Area(ov::geography) AS m2,
         json_build_array(ST_X(ST_PointOnSurface(ov)), ST_Y(ST_PointOnSurface(ov))) AS at
       FROM unnest($1::text[]) WITH ORDINALITY AS f(h, k)
       JOIN grid_unit s ON s.parent_id = $2 AND s.geom && h::geometry AND ST_Relate(s.geom, h::geometry, '2********')
       CROSS JOIN LATERAL (SELECT ST_CollectionExtract(ST_Intersection(s.geom, h::geometry), 3) AS ov) x`,
      [hexes, parent.id],
    );
    for (const o of hits)
      if (o.m2 > query.sliverM2) {
        const r = valid[o.k - 1] as Row;
        add(
          r.row,
          'geometry',
          'overlap',
          `与现有网格“${o.name}”重叠 ${o.m2.toFixed(0)} m²（${mu(o.m2)} 亩）`,
          `overlaps the existing grid “${o.name}” by ${o.m2.toFixed(0)} m² (${mu(o.m2)} mu)`,
          o.at,
        );
      }
    return;
  }
  // replace: the features must tile the parent, and no child with children of its own may be dropped.
  if (valid.length === rows.length) {
    const { rows: gaps } = await tx.query<{ m2: number; at: [number, number] }>(
      `WITH u AS (SELECT ST_Union(h::geometry) AS g FROM unnest($1::text[]) AS h)
       SELECT ST_Area(piece::geography) AS m2,
         json_build_array(ST_X(ST_PointOnSurface(piece)), ST_Y(ST_PointOnSurface(piece))) AS at
       FROM grid_unit p, u
       CROSS JOIN LATERAL ST_Dump(ST_CollectionExtract(ST_Difference(p.geom, u.g), 3)) AS d(path, piece)
       WHERE p.id = $2 AND NOT ST_IsEmpty(piece)`,
      [hexes, parent.id],
    );
    for (const g of gaps)
      if (g.m2 > query.sliverM2 && g.m2 >= NOISE_M2)
        add(
          0,
          null,
          'gap',
          `导入后“${parent.name}”内有 ${g.m2.toFixed(0)} m²（${mu(g.m2)} 亩）不属于任何网格（约在 ${g.at[0].toFixed(5)}, ${g.at[1].toFixed(5)}）`,
          `After the import ${g.m2.toFixed(0)} m² (${mu(g.m2)} mu) of “${parent.name}” belong to no grid (near ${g.at[0].toFixed(5)}, ${g.at[1].toFixed(5)})`,
          g.at,
        );
  }
  const byName = codeMatchless(rows);
  for (const child of children) {
    const kept = rows.some((r) => (byName ? r.name === child.name : r.code === child.code));
    if (!kept && child.kids > 0)
      add(
        0,
        null,
        'has_children',
        `“${child.name}”下有 ${child.kids} 个村级网格，不能被导入替换：文件中请保留它的代码`,
        `“${child.name}” has ${child.kids} village grids and cannot be replaced: keep its code in the file`,
      );
  }
}

/** Without any code in the file, features are matched to children by name. */
function codeMatchless(rows: Row[]): boolean {
  return rows.every((r) => r.code === null);
}

/** Which existing child each row updates (replace mode). */
function matchRows(rows: Row[], children: LockedGrid[]): Map<number, LockedGrid> {
  const matched = new Map<number, LockedGrid>();
  const byCode = codeMatchless(rows) === false;
  for (const r of rows) {
    const child = byCode
      ? children.find((c) => r.code !== null && c.code === r.code)
      : children.find((c) => c.name === r.name);
    if (child) matched.set(r.row, child);
  }
  return matched;
}

async function apply(tx: Queryable, rows: Row[], query: GridImportQuery) {
  const out = await startOutcome(tx, query.parentId, query.sliverM2);
  const { parent } = out;
  const level = parent.level === 'county' ? 'township' : 'village';
  const children = await siblingsOf(tx, parent.id, []);
  const matched = query.mode === 'replace' ? matchRows(rows, children) : new Map<number, LockedGrid>();
  const matchedIds = new Set([...matched.values()].map((c) => c.id));
  const retiring = query.mode === 'replace' ? children.filter((c) => !matchedIds.has(c.id)) : [];
  // Names are unique in a parent: a child losing its name to another grid of the file gets a temporary one first.
  const finalNames = new Map<string, number | null>(
    rows.map((r) => [r.name as string, matched.get(r.row)?.id ?? null]),
  );
  for (const c of children)
    if (finalNames.has(c.name) && finalNames.get(c.name) !== c.id)
      await updateGrid(tx, c.id, { name: `${c.name}（待替换 ${c.id}）`.slice(0, 60) });
  const pending = new Set(query.mode === 'replace' ? children.map((c) => c.id) : []);
  const taken = new Set(await allCodesWithPrefix(tx, parent.code.slice(0, level === 'township' ? 6 : 9)));
  for (const r of rows) if (r.code) taken.add(r.code);
  const placed: number[] = [];
  for (const r of rows) {
    const name = r.name as string;
    const target = matched.get(r.row);
    if (target) pending.delete(target.id);
    const fitted = await fitIntoParent(
      tx,
      out,
      r.hex as string,
      [...pending, ...(target ? [target.id] : [])],
      name,
      'refuse',
    );
    if (target) {
      await updateGrid(tx, target.id, {
        hex: fitted,
        name,
        ...(r.code && r.code !== target.code ? { code: r.code } : {}),
      });
      out.updated.add(target.id);
      placed.push(target.id);
    } else {
      const code = r.code ?? suggestNextCode(parent.code, level, defaultKind(level), taken);
      if (!code)
        throw new AppError(
          'EDIT_REFUSED',
          { row: r.row },
          { zh: '该类别的区划代码已用完', en: 'No free code is left in this range' },
        );
      taken.add(code);
      const id = await insertGrid(tx, {
        code,
        name,
        level,
        parentId: parent.id,
        population: null,
        hex: fitted,
      });
      out.created.add(id);
      placed.push(id);
    }
    if (level === 'village') out.areas.push(fitted);
  }
  for (const old of retiring) {
    const { rows: best } = await tx.query<{ id: number }>(
      `SELECT g.id::int AS id FROM grid_unit g, grid_unit o
       WHERE o.id = $1 AND g.id = ANY($2::bigint[]) AND g.geom && o.geom
       ORDER BY ST_Area(ST_Intersection(g.geom, o.geom)) DESC LIMIT 1`,
      [old.id, placed],
    );
    if (best[0]) await movePeople(tx, old.id, best[0].id);
    out.retiring.push(old.id);
  }
  const { moves, other } = await reassign(tx, out);
  await retire(tx, out, (id) => deleteGrid(tx, id));
  await verify(tx, out, false);
  const changeId = query.dryRun
    ? null
    : Number((await tx.query<{ id: string }>('SELECT txid_current()::text AS id')).rows[0]?.id);
  return summarise(tx, out, moves, other, changeId);
}
