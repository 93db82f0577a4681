// `npm test`: the one command that runs every test — typecheck, lint, unit tests, then integration and end-to-end
// tests on BOTH engines (embedded PGlite and PostgreSQL/PostGIS). It installs what it needs where it can (npm
// dependencies; on Debian as root: chromium, fonts-noto-cjk, PostGIS) and says clearly what is missing where it
// cannot. A skipped test fails the run.
//
//   npm test                       everything, both engines
//   npm test -- --engine pglite    one engine only (pglite | postgres)
//   npm test -- --no-e2e           without browser tests (for quick local runs; CI never uses it)
//
// Environment: TEST_PG_ADMIN_URL (default postgres://postgres@127.0.0.1:5432/postgres) is used to create and drop
// a fresh database per run; CHROMIUM_PATH (default /usr/bin/chromium).
import fs from 'node:fs';
import path from 'node:path';
import { BIN, ROOT, clientBuildIsStale, ensureDependencies, fail, run, say } from './lib.mjs';
import { checkPrerequisites } from './prerequisites.mjs';

const args = process.argv.slice(2);
const engineArg = args.includes('--engine') ? args[args.indexOf('--engine') + 1] : 'both';
if (!['pglite', 'postgres', 'both'].includes(engineArg))
  fail('--engine 只能是 pglite、postgres 或 both', '--engine must be pglite, postgres or both');
const engines = engineArg === 'both' ? ['pglite', 'postgres'] : [engineArg];
const e2e = !args.includes('--no-e2e');
const adminUrl = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const resultsDir = path.join(ROOT, 'test-results');

ensureDependencies();
const { pg } = await checkPrerequisites({
  needPostgres: engines.includes('postgres'),
  needBrowser: e2e,
  adminUrl,
});

const summary = [];
async function step(name, fn) {
  const started = Date.now();
  say(`开始：${name}`, `running: ${name}`);
  const ok = await fn();
  summary.push({ name, ok, seconds: Math.round((Date.now() - started) / 1000) });
  if (!ok) process.stderr.write(`✗ ${name}\n`);
  return ok;
}

/** Fails the step when the runner reported skipped or todo tests (each must either run or go). */
function noSkips(reportFile, read) {
  if (!fs.existsSync(reportFile)) return false;
  const skipped = read(JSON.parse(fs.readFileSync(reportFile, 'utf8')));
  if (skipped > 0)
    process.stderr.write(`✗ ${skipped} skipped test(s) reported in ${path.relative(ROOT, reportFile)}\n`);
  return skipped === 0;
}

const vitest = async (project, env, label) => {
  const report = path.join(resultsDir, `vitest-${label}.json`);
  const code = await run(
    path.join(BIN, 'vitest'),
    ['run', '--project', project, '--reporter=default', '--reporter=json', `--outputFile.json=${report}`],
    {
      env: { ...process.env, ...env },
    },
  );
  return code === 0 && noSkips(report, (r) => (r.numPendingTests ?? 0) + (r.numTodoTests ?? 0));
};

const playwright = async (env, label) => {
  const report = path.join(resultsDir, `e2e-${label}.json`);
  const code = await run(
    path.join(BIN, 'playwright'),
    ['test', '-c', 'test/e2e/playwright.config.ts', '--reporter=list,json'],
    {
      env: { ...process.env, ...env, PLAYWRIGHT_JSON_OUTPUT_NAME: report },
    },
  );
  return code === 0 && noSkips(report, (r) => r.stats?.skipped ?? 0);
};

fs.mkdirSync(resultsDir, { recursive: true });
// Typecheck, lint and the client build are single-threaded: run them side by side (their output interleaves;
// each failure is named below and in the summary).
await Promise.all([
  step(
    'typecheck',
    async () => (await run(path.join(BIN, 'tsc'), ['-p', 'tsconfig.json', '--noEmit'])) === 0,
  ),
  step('lint', async () => (await run('npm', ['run', '--silent', 'lint'])) === 0),
  e2e && clientBuildIsStale()
    ? step(
        'client build',
        async () => (await run(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'])) === 0,
      )
    : null,
]);
await step('unit', () => vitest('unit', {}, 'unit'));

for (const engine of engines) {
  const databases = engine === 'postgres' ? await pg.createDatabases(['int', 'e2e']) : null;
  try {
    const env = databases
      ? { TEST_ENGINE: engine, TEST_DATABASE_URL: databases.int }
      : { TEST_ENGINE: engine };
    await step(`integration (${engine})`, () => vitest('integration', env, `integration-${engine}`));
    if (e2e) {
      const e2eEnv = databases
        ? { E2E_ENGINE: engine, E2E_DATABASE_URL: databases.e2e }
        : { E2E_ENGINE: engine };
      await step(`e2e (${engine})`, () => playwright(e2eEnv, engine));
    }
  } finally {
    if (databases && !process.env.KEEP_TEST_DB) await pg.dropDatabases();
  }
}

if (!e2e) say('注意：未运行端到端测试（--no-e2e）', 'note: end-to-end tests were not run (--no-e2e)');
process.stdout.write('\n──────── test summary ────────\n');
for (const { name, ok, seconds } of summary)
  process.stdout.write(`${ok ? '✓' : '✗'} ${name.padEnd(28)} ${seconds}s\n`);
const failed = summary.filter((s) => !s.ok);
process.stdout.write(failed.length ? `\n${failed.length} step(s) failed\n` : '\nall passed\n');
process.exit(failed.length ? 1 : 0);
