/**
 * Entering a sample (judged on the way in) and explicit re-judging of stored results, each in one transaction.
 */
import type { Db, Queryable } from '../../db/engine';
import { AppError } from '../../http/app-error';
import type {
  EnteredSample,
  JudgedResult,
  RejudgeChange,
  RejudgeRequest,
  RejudgeResponse,
  SampleEntry,
} from '../../../contracts/residue';
import { type ReferenceIndex, indexReference, judgeResult, sampleVerdict } from '../../domain/residue/judge';
import { toWgs84 } from '../../domain/imports/coordinates';
import {
  commodityCategory,
  existingSampleCodes,
  insertSamples,
  loadReference,
  logRejudge,
  readEntered,
  resultsForFilter,
  subjectIdByCode,
  updateJudgements,
} from './residue.repository';
import { getResults } from '../samples/samples.repository';

/** The China calendar date of a timestamp or date string. */
export function chinaDate(sampledAt: string): string {
  if (/^\d{4}-\d{2}-\d{2}$/.test(sampledAt)) return sampledAt;
  const t = new Date(sampledAt).getTime() + 8 * 3600 * 1000;
  return new Date(t).toISOString().slice(0, 10);
}

/** A date alone means noon China time, so it stays that day in every time zone. */
export function sampledAtTimestamp(sampledAt: string): string {
  return /^\d{4}-\d{2}-\d{2}$/.test(sampledAt) ? `${sampledAt}T12:00:00+08:00` : sampledAt;
}

export async function referenceIndex(db: Queryable): Promise<ReferenceIndex> {
  return indexReference(await loadReference(db));
}

export function unitOf(
  r: { inhibitionPct?: number | null | undefined },
  index: ReferenceIndex,
  analyte: string,
): 'mg/kg' | '%' {
  return index.analyteByName.get(analyte)?.kind === 'rapid_test' ||
    (r.inhibitionPct !== null && r.inhibitionPct !== undefined)
    ? '%'
    : 'mg/kg';
}

export async function enterSample(db: Db, entry: SampleEntry, user: string): Promise<EnteredSample> {
  return db.transaction(
    async (tx) => {
      const p = entry.properties;
      const index = await referenceIndex(tx);
      const category = await commodityCategory(tx, p.commodity);
      if (!category) {
        throw new AppError(
          'REFERENCE_NOT_FOUND',
          [{ path: 'body.properties.commodity', value: p.commodity }],
          {
            zh: `商品“${p.commodity}”不在商品分类中；请先在参考数据中添加`,
            en: `The commodity "${p.commodity}" is not in the commodity tree; add it to the reference data first`,
          },
        );
      }
      const unknown = p.results.filter((r) => !index.analyteByName.has(r.analyte)).map((r) => r.analyte);
      if (unknown.length > 0) {
        throw new AppError(
          'REFERENCE_NOT_FOUND',
          unknown.map((a) => ({ path: 'body.properties.results', value: a })),
          {
            zh: `检测项目不在参考数据中：${unknown.join('、')}`,
            en: `Analytes not in the reference data: ${unknown.join(', ')}`,
          },
        );
      }
      if ((await existingSampleCodes(tx, [p.code])).size > 0) {
        throw new AppError('DUPLICATE', [{ path: 'body.properties.code', value: p.code }], {
          zh: `样品编号 ${p.code} 已存在`,
          en: `A sample with code ${p.code} already exists`,
        });
      }
      let subjectId: number | null = null;
      if (p.subjectCode) {
        subjectId = await subjectIdByCode(tx, p.subjectCode);
        if (subjectId === null)
          throw new AppError(
            'REFERENCE_NOT_FOUND',
            [{ path: 'body.properties.subjectCode', value: p.subjectCode }],
            {
              zh: `生产主体 ${p.subjectCode} 不存在`,
              en: `No production subject with code ${p.subjectCode}`,
            },
          );
      }
      const [lon, lat] = toWgs84(entry.geometry.coordinates[0], entry.geometry.coordinates[1], p.datum);
      const sampledOn = chinaDate(p.sampledAt);
      const [id] = await insertSamples(tx, [
        {
          code: p.code,
          kind: p.kind,
          sampledAt: sampledAtTimestamp(p.sampledAt),
          commodity: p.commodity,
          category,
          subjectId,
          lon,
          lat,
          lab: p.lab ?? null,
          results: p.results.map((r) => {
            const input = {
              analyte: r.analyte,
              value: r.value ?? null,
              lod: r.lod ?? null,
              inhibitionPct: r.inhibitionPct ?? null,
            };
            return {
              ...input,
              unit: unitOf(r, index, r.analyte),
              judgement: judgeResult(index, p.commodity, sampledOn, input),
            };
          }),
        },
      ]);
      const stored = await readEntered(tx, id as number);
      if (!stored) throw new Error('entered sample vanished');
      const results = await getResults(tx, stored.id);
      const extra = await tx.query<{
        analyte: string;
        rule: JudgedResult['rule'];
        standardInForce: string | null;
      }>(
        'SELECT analyte, rule, standard_in_force AS "standardInForce" FROM sample_result WHERE sample_id = $1',
        [stored.id],
      );
      const byAnalyte = new Map(extra.rows.map((r) => [r.analyte, r]));
      return {
        id: stored.id,
        code: stored.code,
        verdict: stored.verdict as EnteredSample['verdict'],
        sampledOn: stored.sampledOn,
        gridId: stored.gridId,
        position: [stored.lon, stored.lat],
        results: results.map((r) => ({
          analyte: r.analyte,
          value: r.value,
          lod: r.lod,
          inhibitionPct: r.inhibitionPct,
          unit: r.unit as 'mg/kg' | '%',
          verdict: r.verdict,
          rule: byAnalyte.get(r.analyte)?.rule ?? 'not_detected',
          limitValue: r.limitValue,
          standard: r.standard,
          standardInForce: byAnalyte.get(r.analyte)?.standardInForce ?? null,
        })),
      };
    },
    { user },
  );
}

const same = (a: number | null, b: number | null) =>
  a === null ? b === null : b !== null && Math.abs(a - b) < 1e-12;

export async function rejudge(db: Db, request: RejudgeRequest, user: string): Promise<RejudgeResponse> {
  return db.transaction(
    async (tx) => {
      const index = await referenceIndex(tx);
      const stored = await resultsForFilter(tx, request.filter);
      const changes: RejudgeChange[] = [];
      const updates: { id: number; judgement: ReturnType<typeof judgeResult> }[] = [];
      const before = new Map<number, string[]>();
      const after = new Map<number, string[]>();
      for (const r of stored) {
        const j = judgeResult(index, r.commodity, r.sampledOn, r);
        updates.push({ id: r.id, judgement: j });
        before.set(r.sampleId, [...(before.get(r.sampleId) ?? []), r.verdict]);
        after.set(r.sampleId, [...(after.get(r.sampleId) ?? []), j.verdict]);
        if (j.verdict !== r.verdict || !same(j.limitValue, r.limitValue) || j.standard !== r.standard) {
          changes.push({
            sampleId: r.sampleId,
            code: r.code,
            analyte: r.analyte,
            before: { verdict: r.verdict, limitValue: r.limitValue, standard: r.standard },
            after: { verdict: j.verdict, limitValue: j.limitValue, standard: j.standard, rule: j.rule },
          });
        }
      }
      let samplesChanged = 0;
      for (const [id, verdicts] of before)
        if (sampleVerdict(verdicts as never) !== sampleVerdict((after.get(id) ?? []) as never))
          samplesChanged++;
      if (!request.dryRun) await updateJudgements(tx, updates);
      const runId = await logRejudge(tx, request.filter, stored.length, changes.length, !request.dryRun);
      return {
        runId,
        applied: !request.dryRun,
        examined: stored.length,
        changed: changes.length,
        samplesChanged,
        changes: changes.slice(0, 1000),
      };
    },
    { user },
  );
}
