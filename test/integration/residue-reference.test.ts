/**
 * The residue reference tables after all migrations hold what reference.json says (migration 0013 loaded release
 * 2026-11-1, the delta migration brings it to the current release), the delta is idempotent, and it never
 * overwrites a row a user has edited since the release shipped.
 */
import fs from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db, Queryable } from '../../server/src/db/engine';
import data from '../../server/src/domain/residue/data/reference.json';
import type { ReferenceData } from '../../server/src/domain/residue/reference';
import { openTestDb } from '../support/test-db';

const reference = data as unknown as ReferenceData;
let db: Db;

beforeAll(async () => {
  db = await openTestDb();
});
afterAll(async () => {
  await db?.close();
});

const deltaMigration = (): string => {
  const dir = 'sql/migrations';
  const file = fs.readdirSync(dir).find((f) => f.endsWith('_extend_residue_reference.sql'));
  if (!file) throw new Error('no _extend_residue_reference.sql migration');
  return fs.readFileSync(`${dir}/${file}`, 'utf8');
};

class Rollback extends Error {}

describe('residue reference tables after the migrations', () => {
  it('hold every edition, analyte, commodity, limit and ban of reference.json with its values', async () => {
    const editions = await db.query<{ code: string; effective: string; fallback: string | null }>(
      `SELECT code, effective_from::text AS effective, fallback_code AS fallback FROM residue_standard`,
    );
    for (const e of reference.editions)
      expect(editions.rows).toContainEqual({ code: e.code, effective: e.effective, fallback: e.fallback });

    const analytes = await db.query<{ zh: string; status: string }>(
      'SELECT name_zh AS zh, status FROM analyte',
    );
    for (const a of reference.analytes) expect(analytes.rows).toContainEqual({ zh: a.zh, status: a.status });

    const commodities = await db.query<{ zh: string; parent: string | null }>(
      `SELECT c.name_zh AS zh, p.name_zh AS parent FROM commodity c LEFT JOIN commodity p ON p.id = c.parent_id`,
    );
    for (const c of reference.commodities)
      expect(commodities.rows).toContainEqual({ zh: c.zh, parent: c.parent });

    const limits = await db.query<{ key: string; mgkg: number; confidence: string; sources: string[] }>(
      `SELECT l.standard_code || '|' || a.name_zh || '|' || c.name_zh AS key, l.limit_mgkg AS mgkg, l.confidence,
              l.sources
         FROM residue_limit l JOIN analyte a ON a.id = l.analyte_id JOIN commodity c ON c.id = l.commodity_id`,
    );
    const byKey = new Map(limits.rows.map((r) => [r.key, r]));
    for (const l of reference.limits)
      expect(byKey.get(`${l.standard}|${l.analyte}|${l.commodity}`)).toEqual({
        key: `${l.standard}|${l.analyte}|${l.commodity}`,
        mgkg: l.mgkg,
        confidence: l.confidence,
        sources: l.sources,
      });

    const bans = await db.query<{
      analyte: string;
      act: string;
      commodities: string[] | null;
      effective: string | null;
      precision: string;
    }>(
      `SELECT a.name_zh AS analyte, b.act, b.effective_from::text AS effective, b.date_precision AS precision,
              CASE WHEN b.commodity_ids IS NULL THEN NULL ELSE
                ARRAY(SELECT c.name_zh FROM commodity c WHERE c.id = ANY (b.commodity_ids) ORDER BY c.name_zh) END
                AS commodities
         FROM pesticide_ban b JOIN analyte a ON a.id = b.analyte_id`,
    );
    for (const b of reference.bans)
      expect(bans.rows).toContainEqual({
        analyte: b.analyte,
        act: b.act,
        commodities: b.commodities === null ? null : [...b.commodities].sort((x, y) => (x < y ? -1 : 1)),
        effective: b.effective,
        precision: b.precision,
      });
  });

  it('re-runs the delta migration without adding or changing anything', async () => {
    const snapshot = async (q: Queryable): Promise<string> =>
      (
        await q.query<{ n: string }>(
          `SELECT concat_ws('/', (SELECT count(*) FROM reference_source), (SELECT count(*) FROM residue_standard),
                  (SELECT count(*) FROM analyte), (SELECT count(*) FROM commodity), (SELECT count(*) FROM residue_limit),
                  (SELECT count(*) FROM pesticide_ban), (SELECT count(*) FROM pesticide_ban WHERE date_precision = 'day'),
                  (SELECT sum(limit_mgkg) FROM residue_limit)) AS n`,
        )
      ).rows[0]!.n;
    await expect(
      db.transaction(async (tx) => {
        const before = await snapshot(tx);
        await tx.exec(deltaMigration());
        expect(await snapshot(tx)).toBe(before);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });

  it('leaves a ban a user has edited since the release alone', async () => {
    await expect(
      db.transaction(async (tx) => {
        // Back to the first release's row for MOA 322, as a user had then edited it (their own date and note).
        await tx.query(
          `UPDATE pesticide_ban SET effective_from = '2005-05-05', date_precision = 'day', sources = ARRAY['banned_json'],
                  note = 'edited by a user'
            WHERE act = '农业部公告第322号' AND analyte_id = (SELECT id FROM analyte WHERE name_zh = '甲胺磷')`,
        );
        await tx.exec(deltaMigration());
        const row = await tx.query<{ effective: string; note: string }>(
          `SELECT effective_from::text AS effective, note FROM pesticide_ban
            WHERE act = '农业部公告第322号' AND analyte_id = (SELECT id FROM analyte WHERE name_zh = '甲胺磷')`,
        );
        expect(row.rows).toEqual([{ effective: '2005-05-05', note: 'edited by a user' }]);
        throw new Rollback();
      }),
    ).rejects.toBeInstanceOf(Rollback);
  });
});
