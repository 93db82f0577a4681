/**
 * The rectifications kept by migration 0037 (patrol_rectification: each rectification with its subject's first
 * compliant patrol after it) equal what patrol itself says, on both engines: after many patrols inserted in one
 * statement, a compliant patrol deleted (the rectification open again), a refer patrol turned compliant, a compliant
 * patrol moved before the rectification and to another subject, a rectification closed by a follow-up, a subject's
 * patrols moved to another village, a rolled-back insert and writers of one subject at once; and the dashboard's open
 * and overdue rectifications on a day equal the rule applied to the patrols (found by then, not closed by then, no
 * compliant patrol of the subject between it and the end of the day). A village account reads only the
 * rectifications of its village and cannot write any.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../server/src/db/engine';
import { rectificationCounts } from '../../server/src/modules/indicators/indicators.repository';
import { type FixtureCounty, makeCounty, uniqueCode } from '../support/fixtures';
import { asAccountOf } from '../support/scope';
import { openTestDb, testEngine } from '../support/test-db';

let db: Db;
let county: FixtureCounty;
const ids: Record<string, number> = {};
/** Patrol ids by label. */
const patrols: Record<string, number> = {};

const AT = (local: string) => `${local}:00+08`;

/** Patrols as [label, subject, China local time, outcome, deadline], inserted in one statement. */
async function insertPatrols(rows: [string, string, string, string, string | null][]) {
  const { rows: inserted } = await db.query<{ id: number }>(
    `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, rectify_deadline)
     SELECT s, '张伟', t, o, d FROM unnest($1::bigint[], $2::timestamptz[], $3::text[], $4::date[]) WITH ORDINALITY
       AS x(s, t, o, d, n) ORDER BY n
     RETURNING id::int`,
    [rows.map((r) => ids[r[1]]), rows.map((r) => AT(r[2])), rows.map((r) => r[3]), rows.map((r) => r[4])],
  );
  rows.forEach((r, i) => (patrols[r[0]] = inserted[i]!.id));
}

/** The fixture's rectifications as kept, and as computed from patrol now. */
async function keptVersusPatrol() {
  const subjects = Object.values(ids);
  const { rows: kept } = await db.query(
    `SELECT patrol_id::int AS id, subject_id::int AS subject, grid_id::int AS grid, patrolled_at, rectify_deadline,
       closed_at, fixed_at
     FROM patrol_rectification WHERE subject_id = ANY ($1::bigint[]) ORDER BY 1`,
    [subjects],
  );
  const { rows: direct } = await db.query(
    `SELECT p.id::int AS id, p.subject_id::int AS subject, p.grid_id::int AS grid, p.patrolled_at, p.rectify_deadline,
       p.closed_at, (SELECT min(c.patrolled_at) FROM patrol c WHERE c.subject_id = p.subject_id
         AND c.outcome = 'compliant' AND c.patrolled_at > p.patrolled_at) AS fixed_at
     FROM patrol p WHERE p.subject_id = ANY ($1::bigint[]) AND p.outcome = 'rectify' ORDER BY 1`,
    [subjects],
  );
  return { kept, direct };
}

async function expectKept(step: string) {
  const { kept, direct } = await keptVersusPatrol();
  expect(kept, step).toEqual(direct);
  return kept;
}

/** Open and overdue rectifications of each fixture village on a day, by the rule over patrol (the old query). */
async function openByRule(day: string) {
  const end = `(($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')`;
  const { rows } = await db.query<{ village: number; open: number; overdue: number }>(
    `SELECT p.grid_id::int AS village, count(*)::int AS open,
       count(*) FILTER (WHERE p.rectify_deadline < $2::date)::int AS overdue
     FROM patrol p
     WHERE p.grid_id = ANY ($1::bigint[]) AND p.outcome = 'rectify' AND p.patrolled_at < ${end}
       AND NOT (p.closed_at IS NOT NULL AND p.closed_at < ${end})
       AND NOT EXISTS (SELECT 1 FROM patrol c WHERE c.subject_id = p.subject_id AND c.outcome = 'compliant'
         AND c.patrolled_at > p.patrolled_at AND c.patrolled_at < ${end})
     GROUP BY 1 ORDER BY 1`,
    [county.villageIds, day],
  );
  return rows;
}

/** The dashboard's counts (each village its own unit) for several days in one read. */
async function openCounted(days: string[]) {
  const lists = await rectificationCounts(
    db,
    {
      villageIds: county.villageIds,
      villageUnits: county.villageIds,
    } as unknown as Parameters<typeof rectificationCounts>[1],
    days,
  );
  return lists.map((list) =>
    list
      .filter((r) => r.openRectifications > 0)
      .map((r) => ({ village: r.unitId, open: r.openRectifications, overdue: r.overdueRectifications }))
      .sort((a, b) => a.village - b.village),
  );
}

const DAYS = ['2025-03-31', '2025-04-30', '2025-06-15', '2025-12-31'];

async function expectOpenByRule(step: string) {
  const counted = await openCounted(DAYS);
  for (const [i, day] of DAYS.entries()) expect(counted[i], `${step}, ${day}`).toEqual(await openByRule(day));
}

beforeAll(async () => {
  db = await openTestDb();
  county = await makeCounty(db);
  for (const [key, village] of [
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ] as const) {
    const [lon, lat] = county.villagePoints[village]!;
    const { rows } = await db.query<{ id: number }>(
      `INSERT INTO production_subject (code, name, type, geom)
       VALUES ($1, $2, 'enterprise', ST_SetSRID(ST_MakePoint($3, $4), 4326)) RETURNING id::int`,
      [uniqueCode('RECT'), `${key}整改主体`, lon, lat],
    );
    ids[key] = rows[0]!.id;
  }
  await insertPatrols([
    ['a1', 'a', '2025-03-01 10:00', 'rectify', '2025-03-20'],
    ['a2', 'a', '2025-03-10 10:00', 'compliant', null],
    ['a3', 'a', '2025-04-01 00:10', 'rectify', '2025-05-01'],
    ['a4', 'a', '2025-04-01 00:10', 'compliant', null], // same instant: not after the rectification
    ['a5', 'a', '2025-06-01 09:00', 'compliant', null],
    ['b1', 'b', '2025-02-01 10:00', 'rectify', '2025-02-15'],
    ['b2', 'b', '2025-02-10 10:00', 'refer', null],
    ['b3', 'b', '2025-05-05 10:00', 'rectify', '2025-07-01'],
    ['c1', 'c', '2025-01-20 10:00', 'compliant', null],
    ['c2', 'c', '2025-04-30 23:59', 'rectify', '2025-04-30'],
  ]);
}, 120_000);

afterAll(async () => {
  await db?.close();
});

describe(`rectifications with their first compliant patrol after them (${testEngine()})`, () => {
  it('are kept for many patrols inserted in one statement', async () => {
    const kept = await expectKept('insert');
    const byId = new Map(kept.map((r) => [r.id as number, r]));
    expect(kept.map((r) => r.id)).toEqual([patrols.a1, patrols.a3, patrols.b1, patrols.b3, patrols.c2]);
    expect(new Date(byId.get(patrols.a1!)!.fixed_at as string).toISOString()).toBe(
      '2025-03-10T02:00:00.000Z',
    );
    // The compliant patrol at the same instant does not end a3; the one of June does.
    expect(new Date(byId.get(patrols.a3!)!.fixed_at as string).toISOString()).toBe(
      '2025-06-01T01:00:00.000Z',
    );
    expect(byId.get(patrols.b1!)!.fixed_at).toBeNull();
    expect(byId.get(patrols.c2!)!.fixed_at).toBeNull();
    await expectOpenByRule('insert');
  });

  it('follow a compliant patrol deleted, a refer patrol turned compliant and a compliant patrol moved', async () => {
    await db.query(`DELETE FROM patrol WHERE id = $1`, [patrols.a5]);
    await expectKept('compliant patrol deleted');
    await db.query(`UPDATE patrol SET outcome = 'compliant' WHERE id = $1`, [patrols.b2]);
    const kept = await expectKept('refer turned compliant');
    expect(kept.find((r) => r.id === patrols.b1)!.fixed_at).not.toBeNull();
    // The March compliant patrol of a moved before a1, then to subject c: a1 now ends with a4 (1 April).
    await db.query(`UPDATE patrol SET patrolled_at = $2 WHERE id = $1`, [patrols.a2, AT('2025-02-27 10:00')]);
    await expectKept('compliant patrol moved earlier');
    await db.query(`UPDATE patrol SET subject_id = $2, patrolled_at = $3 WHERE id = $1`, [
      patrols.a2,
      ids.c,
      AT('2025-05-01 08:00'),
    ]);
    const moved = await expectKept('compliant patrol moved to another subject');
    expect(new Date(moved.find((r) => r.id === patrols.a1)!.fixed_at as string).toISOString()).toBe(
      '2025-03-31T16:10:00.000Z',
    );
    expect(moved.find((r) => r.id === patrols.c2)!.fixed_at).not.toBeNull();
    await expectOpenByRule('moved');
  });

  it('follow a rectification closed by a follow-up patrol, and a subject moved to another village', async () => {
    await insertPatrols([['b4', 'b', '2025-06-10 10:00', 'refer', null]]);
    await db.query(`UPDATE patrol SET closed_by_patrol_id = $2, closed_at = $3 WHERE id = $1`, [
      patrols.b3,
      patrols.b4,
      AT('2025-06-10 10:00'),
    ]);
    const kept = await expectKept('closed');
    expect(kept.find((r) => r.id === patrols.b3)!.closed_at).not.toBeNull();
    // Subject a's patrols filed in village 3 (the grid a patrol counts in is its own grid_id).
    await db.query(`UPDATE patrol SET grid_id = $2 WHERE subject_id = $1`, [ids.a, county.villageIds[3]]);
    const regridded = await expectKept('village changed');
    expect(regridded.find((r) => r.id === patrols.a1)!.grid).toBe(county.villageIds[3]);
    await expectOpenByRule('closed and moved');
  });

  it('leave nothing behind from a rolled-back insert, and stay right with writers of one subject at once', async () => {
    await expect(
      db.transaction(async (tx) => {
        await tx.query(
          `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, rectify_deadline)
           VALUES ($1, '张伟', $2, 'rectify', '2025-09-01')`,
          [ids.c, AT('2025-08-01 10:00')],
        );
        throw new Error('rolled back');
      }),
    ).rejects.toThrow('rolled back');
    await expectKept('rolled back');
    // On PostgreSQL the later writer waits for the first's lock and then reads its committed patrol; PGlite runs
    // them one after the other.
    const write = (outcome: string, at: string, delay: number) =>
      db.transaction(async (tx) => {
        await tx.query(`SELECT pg_sleep($1)`, [delay]);
        await tx.query(
          `INSERT INTO patrol (subject_id, inspector_name, patrolled_at, outcome, rectify_deadline)
           VALUES ($1, '张伟', $2, $3, CASE WHEN $3 = 'rectify' THEN DATE '2025-10-01' END)`,
          [ids.c, AT(at), outcome],
        );
        await tx.query(`SELECT pg_sleep($1)`, [delay ? 0 : 0.3]);
      });
    await Promise.all([write('compliant', '2025-09-15 10:00', 0), write('rectify', '2025-09-01 10:00', 0.1)]);
    const kept = await expectKept('concurrent writers');
    expect(kept.filter((r) => r.subject === ids.c && r.fixed_at === null)).toHaveLength(0);
    await expectOpenByRule('concurrent writers');
  });

  it('are read by a village account for its village only and cannot be written by it', async () => {
    const village = county.villageIds[1]!;
    const seen = await asAccountOf(db, village, async (scoped) =>
      (
        await scoped.query<{ id: number }>(
          `SELECT patrol_id::int AS id FROM patrol_rectification WHERE subject_id = ANY ($1::bigint[]) ORDER BY 1`,
          [Object.values(ids)],
        )
      ).rows.map((r) => r.id),
    );
    expect(seen).toEqual([patrols.b1, patrols.b3]);
    await expect(
      asAccountOf(db, village, (scoped) =>
        scoped.query(`DELETE FROM patrol_rectification WHERE patrol_id = $1`, [patrols.b1]),
      ),
    ).rejects.toThrow(/permission denied/);
  });

  it('are emptied with their patrols', async () => {
    await db.query(
      `UPDATE patrol SET closed_by_patrol_id = NULL, closed_at = NULL WHERE subject_id = ANY ($1::bigint[])`,
      [Object.values(ids)],
    );
    await db.query(`DELETE FROM patrol WHERE subject_id = ANY ($1::bigint[])`, [Object.values(ids)]);
    const { kept } = await keptVersusPatrol();
    expect(kept).toEqual([]);
  });
});
