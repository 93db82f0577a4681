/**
 * Loads the generated demo county (server/src/domain/demo) into the database: at first start into an empty database
 * (ensureDemoData), or on request (loadDemo, used by `npm run seed`).
 *
 * The whole load is ONE transaction, so a crash or error half-way leaves the database as it was — never half a
 * county. Progress goes to the log in Chinese and English, because the first start takes a while.
 */
import { createHash } from 'node:crypto';
import type { Logger } from 'pino';
import type { Db, Tx } from '../../db/engine';
import { checkDemoOptions, generateDemo, type DemoOptions } from '../../domain/demo/generate';
import { demoHistory } from '../../domain/demo/history';
import { counts } from '../../domain/demo/truth';
import type { DemoData } from '../../domain/demo/types';
import {
  hasAnyGrid,
  inBatches,
  insertCases,
  insertGrids,
  insertPatrols,
  insertPersons,
  insertSamples,
  insertSoilSamples,
  insertSubjects,
  insertTruth,
  lockAndCheckCounty,
} from './demo.repository';
import { insertHistory } from './demo-history.repository';

export interface DemoSummary {
  seed: number;
  scale: number;
  countyCode: string;
  countyName: string;
  counts: ReturnType<typeof counts>;
  /** Share of samples whose verdict is pass. */
  samplePassRate: number;
  /** SHA-256 of the generated data: equal digests mean identical demo data. */
  digest: string;
  ms: { generate: number; load: number };
}

/** Refusal to load a demo county over one that is already there (nothing was changed). */
export class DemoCountyExistsError extends Error {
  constructor(readonly countyCode: string) {
    super(
      `演示县 ${countyCode} 已在数据库中，未做任何修改 / the demo county ${countyCode} is already in the database; nothing was changed`,
    );
    this.name = 'DemoCountyExistsError';
  }
}

/** SHA-256 of the generated data, so a loaded demo can be compared with what the code generates now. */
export function demoDigest(data: DemoData): string {
  return createHash('sha256').update(JSON.stringify(data)).digest('hex');
}

const BATCH = { subjects: 1000, samples: 2500, soil: 2000, patrols: 1000 } as const;

type Log = (msg: string) => void;

async function writeGrids(tx: Tx, data: DemoData, log: Log): Promise<void> {
  log(
    `写入网格与人员 / loading grids and roster (${data.grids.length} grids, ${data.persons.length} people)`,
  );
  // Level by level, so that each level's parents are there for the code → id join.
  for (const level of ['county', 'township', 'village'] as const) {
    await insertGrids(
      tx,
      data.grids.filter((g) => g.level === level),
    );
  }
  await insertPersons(tx, data.persons);
}

async function writeRecords(tx: Tx, data: DemoData, log: Log): Promise<void> {
  const { subjects, samples, soilSamples, patrols } = data;
  log(`写入生产主体 / loading production subjects (${subjects.length})`);
  await inBatches(subjects, BATCH.subjects, (batch) => insertSubjects(tx, batch));
  const samplesDone = (done: number) => log(`写入抽样检测 / loading samples ${done}/${samples.length}`);
  await inBatches(samples, BATCH.samples, (batch) => insertSamples(tx, batch), samplesDone);
  log(`写入土壤采样点 / loading soil samples (${soilSamples.length})`);
  await inBatches(soilSamples, BATCH.soil, (batch) => insertSoilSamples(tx, batch));
  const patrolsDone = (done: number) => log(`写入巡查记录 / loading patrols ${done}/${patrols.length}`);
  await inBatches(patrols, BATCH.patrols, (batch) => insertPatrols(tx, batch), patrolsDone);
  log(`写入执法案件 / loading enforcement cases (${data.cases.length})`);
  await inBatches(data.cases, 1000, (batch) => insertCases(tx, batch));
}

/** One transaction: refused (DemoCountyExistsError) before any write when the county is already there. */
async function write(db: Db, data: DemoData, digest: string, log: Log): Promise<void> {
  await db.transaction(
    async (tx) => {
      if (await lockAndCheckCounty(tx, db.engine, data.countyCode))
        throw new DemoCountyExistsError(data.countyCode);
      await writeGrids(tx, data, log);
      await writeRecords(tx, data, log);
      // Demo only: a backdated history of the roster and registry, so the state indicators have a trend.
      log('写入演示历史记录 / writing the demo history of roster and registry edits');
      const history = demoHistory(data);
      await insertHistory(tx, history);
      await insertTruth(tx, {
        ...data.truth,
        state_history: history.truth,
        generator: { ...(data.truth.generator as object), digest },
      });
    },
    { user: 'demo-generator' },
  );
}

/**
 * Generates the demo county and loads it in one transaction. Throws DemoCountyExistsError (changing nothing) when a
 * county with the demo's code is already there. Other counties may exist (tests share databases).
 */
export async function loadDemo(db: Db, options: DemoOptions = {}, log: Log = () => {}): Promise<DemoSummary> {
  const started = performance.now();
  const checked = checkDemoOptions(options);
  log(`生成演示县数据 / generating the demo county (seed ${checked.seed}, scale ${checked.scale})`);
  const data = generateDemo(checked);
  const digest = demoDigest(data);
  const generated = performance.now();
  await write(db, data, digest, log);
  const loaded = performance.now();
  const summary: DemoSummary = {
    seed: data.seed,
    scale: data.scale,
    countyCode: data.countyCode,
    countyName: data.countyName,
    counts: counts(data),
    samplePassRate: data.samples.filter((s) => s.verdict === 'pass').length / data.samples.length,
    digest,
    ms: { generate: Math.round(generated - started), load: Math.round(loaded - generated) },
  };
  const seconds = ((loaded - started) / 1000).toFixed(1);
  log(`演示县「${data.countyName}」已载入，用时 ${seconds} 秒 / demo county loaded in ${seconds} s`);
  return summary;
}

/** At start-up: an empty database (no grids at all) gets the demo county at scale 1 with the default seed. */
export async function ensureDemoData(db: Db, logger: Logger): Promise<void> {
  if (await hasAnyGrid(db)) return;
  logger.info(
    '数据库为空，正在载入演示县（首次启动需要一些时间）/ the database is empty: loading the demo county (the first start takes a while)',
  );
  try {
    await loadDemo(db, {}, (msg) => logger.info(msg));
  } catch (error) {
    // Another server loaded it meanwhile (two servers starting on one empty PostgreSQL database): nothing to do.
    if (error instanceof DemoCountyExistsError) {
      logger.info(error.message);
      return;
    }
    throw error;
  }
}
