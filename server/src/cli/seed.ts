/**
 * `npm run seed -- --scale N [--seed S]`: loads the demo county, N times the usual volume of subjects, samples, soil
 * samples and patrols (for benchmarks), into the configured database — the same one the server would open
 * (DATA_DIR or DATABASE_URL). It refuses a database that already holds grids: it never deletes or mixes data.
 */
import { ConfigError, loadConfig } from '../config';
import type { Db } from '../db/engine';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open-db';
import { redact } from '../db/pg-engine';
import { StartupError } from '../db/startup-error';
import { DEFAULT_DEMO_SEED } from '../domain/demo/generate';
import { hasAnyGrid } from '../modules/demo/demo.repository';
import { loadDemo, type DemoSummary } from '../modules/demo/demo.service';

const USAGE =
  '用法 / usage: npm run seed -- [--scale N] [--seed S]   (N: 1–1000, default 1; S: 0–4294967295, default 652399)';

class UsageError extends Error {}

export function parseSeedArgs(argv: readonly string[]): { scale: number; seed: number } {
  const options = { scale: 1, seed: DEFAULT_DEMO_SEED };
  for (let i = 0; i < argv.length; i++) {
    const [flag, inline] = (argv[i] as string).split('=', 2) as [string, string | undefined];
    if (flag !== '--scale' && flag !== '--seed')
      throw new UsageError(`未知参数 / unknown argument: ${argv[i]}`);
    const text = inline ?? argv[++i];
    const value = Number(text);
    const max = flag === '--scale' ? 1000 : 0xffffffff;
    const min = flag === '--scale' ? 1 : 0;
    if (text === undefined || !/^\d+$/.test(text) || value < min || value > max) {
      throw new UsageError(
        `${flag} 需要 ${min}–${max} 的整数 / ${flag} needs an integer from ${min} to ${max}, not ${text ?? '(nothing)'}`,
      );
    }
    options[flag === '--scale' ? 'scale' : 'seed'] = value;
  }
  return options;
}

function printSummary(summary: DemoSummary): void {
  const c = summary.counts;
  const lines = [
    `演示县 / demo county: ${summary.countyName} (${summary.countyCode}), seed ${summary.seed}, scale ${summary.scale}`,
    `  网格 grids            ${c.grids} (1 county, ${c.townships} townships, ${c.villages} villages), 人员 people ${c.persons}`,
    `  生产主体 subjects      ${c.subjects}`,
    `  样品 samples          ${c.samples} (${c.sample_results} results, pass rate ${(summary.samplePassRate * 100).toFixed(2)} %)`,
    `  土壤采样点 soil samples ${c.soil_samples}`,
    `  巡查 patrols          ${c.patrols}`,
    `  用时 time             generate ${(summary.ms.generate / 1000).toFixed(1)} s, load ${(summary.ms.load / 1000).toFixed(1)} s`,
  ];
  process.stdout.write(`${lines.join('\n')}\n`);
}

async function seed(argv: readonly string[]): Promise<number> {
  const options = parseSeedArgs(argv);
  const config = loadConfig();
  const where = config.DATABASE_URL
    ? `PostgreSQL ${redact(config.DATABASE_URL)}`
    : `DATA_DIR ${config.DATA_DIR}`;
  process.stdout.write(`数据库 / database: ${where}\n`);
  const db: Db = await openDb(config);
  try {
    await migrate(db, {
      info: (obj, msg) =>
        process.stdout.write(`  ${msg} ${(obj as { migration?: string }).migration ?? ''}\n`),
    });
    if (await hasAnyGrid(db)) {
      process.stderr.write(
        `\n该数据库已有网格数据，未做任何修改。请把 DATA_DIR 设为一个新目录，或把 DATABASE_URL 指向一个空数据库，再运行 npm run seed。\n` +
          `The database already holds grids; nothing was changed. Set DATA_DIR to a new directory, or DATABASE_URL to an empty ` +
          `database, and run npm run seed again.\n\n`,
      );
      return 1;
    }
    printSummary(await loadDemo(db, options, (msg) => process.stdout.write(`  ${msg}\n`)));
    return 0;
  } finally {
    await db.close();
  }
}

seed(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`\n${error.message}\n${USAGE}\n\n`);
    else if (error instanceof StartupError || error instanceof ConfigError)
      process.stderr.write(`\n无法载入 / Cannot seed: ${error.message}\n\n`);
    else
      process.stderr.write(
        `\n无法载入 / Cannot seed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`,
      );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
