/**
 * 网格定人 as an Excel workbook laid out like the roster table in the annex of the grid-management plan (seed 004):
 * the title "农产品质量安全网格化管理人员名单", the area under it, then one row per person with 序号, 网格, 岗位, 姓名,
 * 职务, 联系电话 — the area (a county or a township) first, then its child grids by code. A grid without anyone in a
 * required role gets a row with the role and empty name, so the file doubles as a form to fill in.
 *
 * Importing the same layout replaces the roster of every grid the file lists (PUT semantics per grid; a grid listed
 * only with empty names is emptied), all grids in one transaction, or nothing when any row is wrong — with a report
 * saying row, column and problem in Chinese and English. Each roster is written by the same code as the roster
 * editor (writeRoster), and every person row is checked with the same schema (RosterPersonInput: phone numbers).
 */
import ExcelJS from 'exceljs';
import type { RosterImportResult, RosterProblem } from '../../../contracts/grid-exchange';
import { RosterPersonInput, type RosterPut } from '../../../contracts/grids';
import type { Db, Queryable } from '../../db/engine';
import { neutraliseFormula } from '../../domain/exports/formula';
import { type Cell, normaliseText } from '../../domain/imports/cells';
import { AppError } from '../../http/app-error';
import { readWorkbook, type Sheet } from '../imports/spreadsheet';
import { writeRoster } from './grid-roster.service';

export const ROSTER_TITLE = '农产品质量安全网格化管理人员名单';
export const ROSTER_COLUMNS = ['序号', '网格', '岗位', '姓名', '职务', '联系电话'] as const;
const LEVEL_ZH: Record<string, string> = { county: '县级网格', township: '乡镇级网格', village: '村级网格' };

interface AreaGrid {
  id: number;
  name: string;
  code: string;
  level: 'county' | 'township' | 'village';
}

interface RoleRow {
  role: string;
  level: string;
  nameZh: string;
  nameEn: string;
  required: boolean;
}

interface PersonRow {
  id: number;
  gridId: number;
  role: string;
  name: string;
  post: string;
  phone: string;
  version: number;
}

/** The area and its child grids (area first, children by code). */
async function gridsOf(tx: Queryable, id: number): Promise<AreaGrid[]> {
  const { rows } = await tx.query<AreaGrid>(
    `SELECT id::int AS id, name, code, level FROM grid_unit WHERE id = $1 OR parent_id = $1
     ORDER BY id <> $1, code`,
    [id],
  );
  if (!rows[0] || rows[0].id !== id) throw new AppError('NOT_FOUND', { resource: 'grid', id });
  return rows;
}

async function roles(tx: Queryable): Promise<RoleRow[]> {
  const { rows } = await tx.query<RoleRow>(
    'SELECT role, level, name_zh AS "nameZh", name_en AS "nameEn", required FROM grid_role ORDER BY sort_order',
  );
  return rows;
}

async function people(tx: Queryable, gridIds: number[], lock = false): Promise<PersonRow[]> {
  const { rows } = await tx.query<PersonRow>(
    `SELECT p.id::int AS id, p.grid_id::int AS "gridId", p.role, p.name, p.post, p.phone, p.version
     FROM grid_person p JOIN grid_role r ON r.role = p.role
     WHERE p.grid_id = ANY($1::bigint[]) ORDER BY r.sort_order, p.sort_order, p.id${lock ? ' FOR UPDATE OF p' : ''}`,
    [gridIds],
  );
  return rows;
}

export interface RosterWorkbook {
  file: string;
  bytes: Buffer;
}

/** The roster workbook of a grid and its children. */
export async function rosterWorkbook(tx: Queryable, id: number, today: string): Promise<RosterWorkbook> {
  const grids = await gridsOf(tx, id);
  const area = grids[0] as AreaGrid;
  const allRoles = await roles(tx);
  const everyone = await people(
    tx,
    grids.map((g) => g.id),
  );
  const book = new ExcelJS.Workbook();
  book.creator = '农安一张图';
  const sheet = book.addWorksheet('人员名单', {
    pageSetup: { paperSize: 9, orientation: 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
  });
  sheet.columns = [{ width: 7 }, { width: 22 }, { width: 26 }, { width: 12 }, { width: 18 }, { width: 17 }];
  const text = (value: string) => neutraliseFormula(value);
  sheet.addRow([ROSTER_TITLE]);
  sheet.mergeCells(1, 1, 1, 6);
  const title = sheet.getRow(1);
  title.font = { bold: true, size: 16 };
  title.alignment = { horizontal: 'center', vertical: 'middle' };
  title.height = 30;
  sheet.addRow([text(`${area.name}（${LEVEL_ZH[area.level]} ${area.code}）\u3000制表日期：${today}`)]);
  sheet.mergeCells(2, 1, 2, 6);
  sheet.getRow(2).alignment = { horizontal: 'center' };
  const header = sheet.addRow([...ROSTER_COLUMNS]);
  header.font = { bold: true };
  header.alignment = { horizontal: 'center', vertical: 'middle' };
  let serial = 0;
  const thin = { style: 'thin' as const };
  for (const grid of grids) {
    const first = sheet.rowCount + 1;
    const staff = everyone.filter((p) => p.gridId === grid.id);
    const lines: [string, string, string, string][] = [];
    for (const role of allRoles.filter((r) => r.level === grid.level)) {
      const inRole = staff.filter((p) => p.role === role.role);
      for (const p of inRole) lines.push([role.nameZh, p.name, p.post, p.phone]);
      if (!inRole.length && role.required) lines.push([role.nameZh, '', '', '']);
    }
    for (const [role, name, post, phone] of lines) {
      const row = sheet.addRow([
        name ? ++serial : null,
        text(grid.name),
        text(role),
        text(name),
        text(post),
        text(phone),
      ]);
      row.getCell(6).numFmt = '@';
    }
    if (lines.length > 1) sheet.mergeCells(first, 2, sheet.rowCount, 2);
  }
  for (let r = 3; r <= sheet.rowCount; r++)
    for (let c = 1; c <= 6; c++) {
      const cell = sheet.getRow(r).getCell(c);
      cell.border = { top: thin, left: thin, bottom: thin, right: thin };
      if (c === 2) cell.alignment = { vertical: 'middle' };
    }
  sheet.views = [{ state: 'frozen', ySplit: 3 }];
  return {
    file: `${area.code}-${area.name}-网格化管理人员名单.xlsx`,
    bytes: Buffer.from(await book.xlsx.writeBuffer()),
  };
}

// ------------------------------------------------------------------------------------------------- import

/** A cell as text, spaces collapsed — but not NFKC-folded: full-width brackets in names and posts stay as written. */
const cellText = (value: Cell | undefined) =>
  value === null || value === undefined ? '' : String(value).replace(/\s+/g, ' ').trim();
/** For matching names and roles: full-width and half-width forms alike. */
const fold = (value: string) => normaliseText(value).replace(/\s+/g, '');

/** A phone typed as a number in Excel comes back as a number: written as digits, never as 1.39E+10. */
function phoneText(value: Cell | undefined): string {
  if (typeof value === 'number' && Number.isInteger(value)) return String(value);
  return cellText(value);
}

function findSheet(bytesSheet: (headerRow?: number) => Sheet): Sheet {
  const detected = bytesSheet();
  if (['网格', '岗位', '姓名', '联系电话'].every((h) => detected.headers.includes(h))) return detected;
  for (let headerRow = 1; headerRow <= 6; headerRow++) {
    const sheet = bytesSheet(headerRow);
    if (['网格', '岗位', '姓名', '联系电话'].every((h) => sheet.headers.includes(h))) return sheet;
  }
  throw new AppError(
    'FILE_UNREADABLE',
    { expected: ROSTER_COLUMNS },
    {
      zh: `找不到人员名单表头：需要“网格”“岗位”“姓名”“职务”“联系电话”列（${ROSTER_TITLE}的格式，可先导出一份作为模板）`,
      en: 'No roster header found: the columns 网格 (grid), 岗位 (role), 姓名 (name), 职务 (post) and 联系电话 (phone) are needed — export a roster to use as a template',
    },
  );
}

/** How a role may be written: its full title, the title without the part in brackets, its English name or id. */
function roleMatcher(list: RoleRow[]) {
  const fold = (s: string) => s.normalize('NFKC').replace(/\s+/g, '').toLowerCase();
  return (level: string, written: string): RoleRow | null => {
    const w = fold(written);
    const ofLevel = list.filter((r) => r.level === level);
    return (
      ofLevel.find((r) => fold(r.nameZh) === w || fold(r.nameEn) === w || r.role === w) ??
      ofLevel.find((r) => fold(r.nameZh.replace(/[（(].*[）)]/, '')) === w) ??
      ofLevel.find((r) => (r.nameZh.match(/[（(](.*)[）)]/)?.[1] ?? '\u0000') === written.trim()) ??
      null
    );
  };
}

/** Reads, checks and applies a roster workbook for the grid `id` and its children: all or nothing. */
export async function importRosterWorkbook(
  db: Db,
  id: number,
  bytes: Buffer,
  user: string,
  dryRun: boolean,
): Promise<RosterImportResult> {
  const book = await readWorkbook(bytes);
  const sheet = findSheet((headerRow) => book.sheet(undefined, headerRow));
  return db
    .transaction(
      async (tx) => {
        await tx.query(`SELECT set_config('app.change_note', 'roster import', true)`);
        const grids = await gridsOf(tx, id);
        const match = roleMatcher(await roles(tx));
        const byName = new Map(grids.map((g) => [fold(g.name), g]));
        const problems: RosterProblem[] = [];
        const listed = new Map<number, { row: number; person: RosterPut['people'][number] }[]>();
        for (const { row, cells } of sheet.rows) {
          const gridName = cellText(cells['网格']);
          const roleText = cellText(cells['岗位']);
          const name = cellText(cells['姓名']);
          const post = cellText(cells['职务']);
          const phone = phoneText(cells['联系电话']);
          if (!gridName && !roleText && !name && !phone) continue;
          const grid = byName.get(fold(gridName));
          if (!gridName) {
            problems.push({
              row,
              column: '网格',
              message: { zh: '网格名称为空', en: 'the grid name is empty' },
            });
            continue;
          }
          if (!grid) {
            problems.push({
              row,
              column: '网格',
              message: {
                zh: `没有名为“${gridName}”的网格（本表可填：${grids.map((g) => g.name).join('、')}）`,
                en: `There is no grid named “${gridName}” here (this sheet may list: ${grids.map((g) => g.name).join(', ')})`,
              },
            });
            continue;
          }
          const entries = listed.get(grid.id) ?? [];
          listed.set(grid.id, entries);
          if (!name && !phone && !post) continue; // a vacant post: the grid is listed, nobody in this row
          const role = match(grid.level, roleText);
          if (!role) {
            const options = (await roles(tx)).filter((r) => r.level === grid.level);
            problems.push({
              row,
              column: '岗位',
              message: {
                zh: `“${roleText || '（空）'}”不是${LEVEL_ZH[grid.level]}的岗位（可填：${options.map((r) => r.nameZh).join('、')}）`,
                en: `“${roleText || '(empty)'}” is not a role of a ${grid.level} grid (${options.map((r) => r.nameEn).join(', ')})`,
              },
            });
            continue;
          }
          const parsed = RosterPersonInput.safeParse({ role: role.role, name, post, phone });
          if (!parsed.success) {
            for (const issue of parsed.error.issues) {
              const field = String(issue.path[0] ?? '');
              const column =
                field === 'phone' ? '联系电话' : field === 'name' ? '姓名' : field === 'post' ? '职务' : null;
              const params = (issue as { params?: { zh?: string; en?: string } }).params;
              problems.push({
                row,
                column,
                message:
                  field === 'phone' && params?.zh && params.en
                    ? { zh: `“${phone || '（空）'}”：${params.zh}`, en: `“${phone}”: ${params.en}` }
                    : field === 'name'
                      ? { zh: '姓名为空或超过 40 个字', en: 'the name is empty or longer than 40 characters' }
                      : field === 'post'
                        ? { zh: '职务超过 60 个字', en: 'the post is longer than 60 characters' }
                        : { zh: issue.message, en: issue.message },
              });
            }
            continue;
          }
          entries.push({ row, person: parsed.data });
        }
        if (!problems.length && !listed.size)
          problems.push({
            row: sheet.headerRow,
            column: null,
            message: { zh: '表中没有任何人员行', en: 'The sheet lists nobody' },
          });
        if (problems.length) throw rosterRejected(problems);

        const current = await people(tx, [...listed.keys()], true);
        const result: RosterImportResult = { dryRun, grids: [], people: 0 };
        for (const [gridId, entries] of listed) {
          const mine = current.filter((p) => p.gridId === gridId);
          const used = new Set<number>();
          // Keep the identity (and history) of a person still in the same role under the same name.
          const body: RosterPut = {
            known: mine.map((p) => ({ id: p.id, version: p.version })),
            people: entries.map(({ person }) => {
              const same = mine.find(
                (p) => !used.has(p.id) && p.role === person.role && p.name === person.name,
              );
              if (same) used.add(same.id);
              return same ? { ...person, id: same.id } : person;
            }),
          };
          if (body.people.length > 50)
            throw rosterRejected([
              {
                row: entries[50]?.row ?? sheet.headerRow,
                column: '网格',
                message: { zh: '一个网格最多 50 人', en: 'A grid has at most 50 people' },
              },
            ]);
          await writeRoster(tx, gridId, body);
          const grid = grids.find((g) => g.id === gridId) as AreaGrid;
          result.grids.push({ id: gridId, name: grid.name, people: body.people.length });
          result.people += body.people.length;
        }
        if (dryRun) throw new DryRun(result);
        return result;
      },
      { user },
    )
    .catch((error: unknown) => {
      if (error instanceof DryRun) return error.result;
      throw error;
    });
}

class DryRun extends Error {
  constructor(readonly result: RosterImportResult) {
    super('dry run');
  }
}

function rosterRejected(problems: RosterProblem[]): AppError {
  const first = problems
    .slice(0, 3)
    .map((p) => `第 ${p.row} 行${p.column ? `“${p.column}”列` : ''}：${p.message.zh}`)
    .join('；');
  const firstEn = problems
    .slice(0, 3)
    .map((p) => `row ${p.row}${p.column ? `, column ${p.column}` : ''}: ${p.message.en}`)
    .join('; ');
  return new AppError(
    'IMPORT_REJECTED',
    { problems },
    {
      zh: `人员名单有 ${problems.length} 处问题，未导入任何内容。${first}${problems.length > 3 ? '……' : ''}`,
      en: `The roster has ${problems.length} problem(s); nothing was imported. ${firstEn}${problems.length > 3 ? ' …' : ''}`,
    },
  );
}
