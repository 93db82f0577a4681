/**
 * `npm run backup [-- --out FILE]`: a backup of the database the configuration points at.
 * - PostgreSQL (DATABASE_URL): pg_dump's custom format (`pg_restore` reads it; so does `npm run restore`).
 * - Embedded (DATA_DIR): a gzip tarball of the whole data directory, taken with the database closed to other
 *   writers — stop the server first (the lock file says when it is still running).
 * The file is written under a temporary name and renamed when complete, so a half-written backup never looks done.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig } from '../config';
import { PgliteDb } from '../db/pglite-engine';
import { redact } from '../db/pg-engine';
import { StartupError } from '../db/startup-error';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

const stamp = () => new Date().toISOString().replace(/[-:]/g, '').replace(/\..*/, '');

function fail(message: string): never {
  process.stderr.write(`\n备份失败 / Backup failed: ${message}\n\n`);
  process.exit(1);
}

async function main(): Promise<void> {
  const config = loadConfig();
  const engine = config.DATABASE_URL ? 'postgres' : 'pglite';
  const out = path.resolve(
    option('out') ??
      path.join('backups', `nongan-${engine}-${stamp()}.${engine === 'postgres' ? 'dump' : 'tar.gz'}`),
  );
  fs.mkdirSync(path.dirname(out), { recursive: true });
  if (fs.existsSync(out)) fail(`${out} already exists; choose another --out`);
  const partial = `${out}.partial`;
  if (config.DATABASE_URL) {
    const result = spawnSync(
      'pg_dump',
      ['--format=custom', '--no-owner', `--file=${partial}`, config.DATABASE_URL],
      { stdio: ['ignore', 'inherit', 'pipe'], encoding: 'utf8' },
    );
    if (result.error)
      fail('pg_dump was not found: install the PostgreSQL client tools (Debian: postgresql-client).');
    if (result.status !== 0)
      fail(`pg_dump could not back up ${redact(config.DATABASE_URL)}: ${result.stderr.trim()}`);
  } else {
    const dataDir = path.join(config.DATA_DIR, 'pglite');
    if (!fs.existsSync(path.join(dataDir, 'PG_VERSION'))) fail(`there is no database in ${dataDir}`);
    const db = await PgliteDb.open({ dataDir }).catch((error: unknown) => {
      if (error instanceof StartupError && error.code === 'DATA_DIR_LOCKED')
        fail(`${error.message} (stop the server, then back up)`);
      throw error;
    });
    try {
      fs.writeFileSync(partial, Buffer.from(await (await db.dump('gzip')).arrayBuffer()));
    } finally {
      await db.close();
    }
  }
  fs.renameSync(partial, out);
  const mb = (fs.statSync(out).size / 1024 / 1024).toFixed(1);
  process.stdout.write(`备份完成 / Backup written: ${out} (${mb} MB)\n`);
}

main().catch((error: unknown) => fail(error instanceof Error ? error.message : String(error)));
