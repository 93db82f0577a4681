/**
 * Start-up: read config, open the database, apply migrations, load the demo county into an empty database,
 * listen, and shut down gracefully on SIGINT/SIGTERM (finishing requests and flushing the embedded database).
 */
import type { AddressInfo } from 'node:net';
import { createApp } from './app';
import { ConfigError, loadConfig } from './config';
import type { Db } from './db/engine';
import { migrate } from './db/migrate';
import { openDb } from './db/open-db';
import { redact } from './db/pg-engine';
import { StartupError } from './db/startup-error';
import { createLogger } from './logger';
import { deleteExpiredSessions } from './modules/auth/auth.repository';
import { ensureFirstAdmin } from './modules/auth/auth.service';
import { ensureDemoData } from './modules/demo/demo.service';

const SHUTDOWN_GRACE_MS = 10_000;

async function main(): Promise<void> {
  const startedAt = Date.now();
  const config = loadConfig();
  const logger = createLogger(config);
  logger.info(
    {
      engine: config.DATABASE_URL ? 'postgres' : 'pglite',
      database: config.DATABASE_URL ? redact(config.DATABASE_URL) : config.DATA_DIR,
    },
    'opening database',
  );
  const db: Db = await openDb(config);
  let firstAdminPassword: string | null = null;
  try {
    await migrate(db, logger);
    if (config.DEMO_DATA === 'auto') await ensureDemoData(db, logger);
    firstAdminPassword = await ensureFirstAdmin(db, config.ADMIN_PASSWORD);
  } catch (error) {
    await db.close();
    throw error;
  }

  const app = createApp({ db, config, logger, startedAt });
  const server = app.listen(config.PORT, config.HOST);
  await new Promise<void>((resolve, reject) => {
    server.once('listening', resolve);
    server.once('error', reject);
  });
  const { port } = server.address() as AddressInfo;
  const host = config.HOST === '0.0.0.0' || config.HOST === '::' ? 'localhost' : config.HOST;
  const url = `http://${host.includes(':') ? `[${host}]` : host}:${port}/`;
  logger.info({ url, engine: db.engine, ms: Date.now() - startedAt }, 'listening');
  process.stdout.write(`\n  农安一张图 已启动 / Nong'an One Map is running:  ${url}\n\n`);
  if (firstAdminPassword) {
    // Shown once, here, and never logged or stored: it must be changed at the first login.
    process.stdout.write(
      `  首次启动已创建管理员账户 / First start: administrator account created\n` +
        `    用户名 / username: admin\n    初始密码 / password: ${firstAdminPassword}\n` +
        `  请立即登录并修改密码（仅显示这一次）/ Log in and change it now (shown only this once)\n\n`,
    );
  }
  const sweep = setInterval(() => void deleteExpiredSessions(db).catch(() => {}), 3_600_000);
  sweep.unref();

  let stopping = false;
  const stop = (signal: string) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    const force = setTimeout(() => {
      logger.warn('requests still open after the grace period; closing them');
      server.closeAllConnections();
    }, SHUTDOWN_GRACE_MS);
    force.unref();
    server.close(async () => {
      await db.close(); // flushes the embedded database to disk
      logger.info('stopped');
      process.exit(0);
    });
    server.closeIdleConnections();
  };
  process.on('SIGINT', () => stop('SIGINT'));
  process.on('SIGTERM', () => stop('SIGTERM'));
}

main().catch((error: unknown) => {
  if (error instanceof StartupError || error instanceof ConfigError) {
    process.stderr.write(`\n无法启动 / Cannot start: ${error.message}\n\n`);
  } else {
    process.stderr.write(
      `\n无法启动 / Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n\n`,
    );
  }
  process.exit(1);
});
