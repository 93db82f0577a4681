/**
 * `npm run load-roads -- FILE.geojson [--speeds=class:kmh,…] [--class-property=NAME] [--append]`: loads a road
 * layer (GeoJSON LineString / MultiLineString features in WGS84) into the configured database (DATABASE_URL or
 * DATA_DIR) as the noded edges table road_edge / road_vertex, cost in seconds from the speed of each road class.
 * On PostgreSQL it also installs pgRouting when the server has it (CREATE EXTENSION IF NOT EXISTS; needs a role that
 * may create extensions); patrol plans then take their travel times from the roads. See docs/patrols.md.
 */
import { readFile } from 'node:fs/promises';
import { ConfigError, loadConfig } from '../config';
import { migrate } from '../db/migrate';
import { openDb } from '../db/open-db';
import { redact } from '../db/pg-engine';
import { StartupError } from '../db/startup-error';
import { DEFAULT_ROAD_SPEEDS, loadRoadNetwork } from '../modules/patrols/road-network.service';

const USAGE =
  '用法 / usage: npm run load-roads -- FILE.geojson [--speeds=primary:60,村道:25] [--class-property=highway] [--append]';

class UsageError extends Error {}

export function parseLoadRoadsArgs(argv: readonly string[]): {
  file: string;
  speeds: Record<string, number>;
  classProperty?: string;
  replace: boolean;
} {
  let file: string | undefined;
  const speeds: Record<string, number> = {};
  let classProperty: string | undefined;
  let replace = true;
  for (const arg of argv) {
    if (arg === '--append') replace = false;
    else if (arg.startsWith('--class-property=')) classProperty = arg.slice('--class-property='.length);
    else if (arg.startsWith('--speeds=')) {
      for (const pair of arg.slice('--speeds='.length).split(',')) {
        const [cls, kmh] = pair.split(':');
        const v = Number(kmh);
        if (!cls || !(v >= 1 && v <= 150))
          throw new UsageError(
            `--speeds 需要 类别:1–150 的速度 / --speeds needs class:kmh with a speed of 1–150, not ${pair}`,
          );
        speeds[cls] = v;
      }
    } else if (arg.startsWith('--')) throw new UsageError(`未知参数 / unknown argument: ${arg}`);
    else if (file) throw new UsageError(`只能给一个文件 / one file only: ${arg}`);
    else file = arg;
  }
  if (!file) throw new UsageError('缺少 GeoJSON 文件 / the GeoJSON file is missing');
  return { file, speeds, ...(classProperty ? { classProperty } : {}), replace };
}

async function main(argv: readonly string[]): Promise<number> {
  const args = parseLoadRoadsArgs(argv);
  const geojson = JSON.parse(await readFile(args.file, 'utf8')) as Parameters<typeof loadRoadNetwork>[1];
  const config = loadConfig();
  process.stdout.write(
    `数据库 / database: ${config.DATABASE_URL ? `PostgreSQL ${redact(config.DATABASE_URL)}` : `DATA_DIR ${config.DATA_DIR}`}\n`,
  );
  const db = await openDb(config);
  try {
    await migrate(db);
    const r = await loadRoadNetwork(db, geojson, args);
    const speeds = { ...DEFAULT_ROAD_SPEEDS, ...args.speeds };
    process.stdout.write(
      [
        `道路 / roads: ${r.lines} lines → ${r.edges} edges, ${r.vertices} vertices, ${r.lengthKm.toFixed(1)} km`,
        ...Object.entries(r.classes).map(([c, n]) => `  ${c}: ${n} edges at ${speeds[c] ?? 30} km/h`),
        r.pgrouting
          ? 'pgRouting: 已启用，巡查路线按道路计算 / installed: patrol routes use the roads'
          : 'pgRouting: 不可用，巡查路线仍按直线距离 × 绕行系数 / not available: patrol routes keep the great circle × detour factor',
      ].join('\n') + '\n',
    );
    return 0;
  } finally {
    await db.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof UsageError) process.stderr.write(`\n${error.message}\n${USAGE}\n\n`);
    else if (error instanceof StartupError || error instanceof ConfigError)
      process.stderr.write(`\n无法载入 / Cannot load: ${error.message}\n\n`);
    else
      process.stderr.write(
        `\n无法载入 / Cannot load: ${error instanceof Error ? error.message : String(error)}\n\n`,
      );
    process.exit(error instanceof UsageError ? 2 : 1);
  },
);
