// Checks what the tests need outside npm — Chromium, a CJK font, a running PostgreSQL with PostGIS — installs it
// on Debian when running as root, and otherwise stops with a message that names what is missing and how to get it.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import { commandExists, fail, say } from './lib.mjs';

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const canApt = isRoot && commandExists('apt-get');

function aptInstall(packages) {
  say(`正在安装系统软件包：${packages.join(' ')}`, `installing system packages: ${packages.join(' ')}`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  let result = spawnSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: 'inherit', env });
  if (result.status !== 0) {
    spawnSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
    result = spawnSync('apt-get', ['install', '-y', '-q', ...packages], { stdio: 'inherit', env });
  }
  return result.status === 0;
}

function chromiumPath() {
  return process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
}

function hasCjkFont() {
  if (!commandExists('fc-list')) return false;
  const out = spawnSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).stdout ?? '';
  return out.trim().length > 0;
}

async function pgProbe(adminUrl) {
  const { default: pg } = await import('pg');
  const client = new pg.Client({ connectionString: adminUrl, connectionTimeoutMillis: 5000 });
  try {
    await client.connect();
    const version = await client.query("SELECT current_setting('server_version_num')::int / 10000 AS major");
    const postgis = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'postgis'");
    const pgrouting = await client.query("SELECT 1 FROM pg_available_extensions WHERE name = 'pgrouting'");
    return {
      reachable: true,
      major: version.rows[0].major,
      postgis: postgis.rowCount > 0,
      pgrouting: pgrouting.rowCount > 0,
    };
  } catch (error) {
    return { reachable: false, error: error.message };
  } finally {
    await client.end().catch(() => {});
  }
}

function startLocalPostgres() {
  if (!isRoot || !commandExists('pg_ctlcluster') || !fs.existsSync('/etc/postgresql')) return;
  for (const version of fs.readdirSync('/etc/postgresql')) {
    say(`正在启动 PostgreSQL ${version}`, `starting PostgreSQL ${version}`);
    spawnSync('pg_ctlcluster', ['--skip-systemctl-redirect', version, 'main', 'start'], { stdio: 'inherit' });
  }
}

function pgDatabases(adminUrl) {
  const created = [];
  const urlFor = (name) => {
    const url = new URL(adminUrl);
    url.pathname = `/${name}`;
    return url.toString();
  };
  return {
    async createDatabases(suffixes) {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      const stamp = `${Date.now().toString(36)}_${process.pid}`;
      const urls = {};
      try {
        for (const suffix of suffixes) {
          const name = `nongan_test_${stamp}_${suffix}`;
          await client.query(`CREATE DATABASE ${name}`);
          created.push(name);
          urls[suffix] = urlFor(name);
        }
      } finally {
        await client.end();
      }
      return urls;
    },
    async dropDatabases() {
      const { default: pg } = await import('pg');
      const client = new pg.Client({ connectionString: adminUrl });
      await client.connect();
      try {
        while (created.length) await client.query(`DROP DATABASE IF EXISTS ${created.pop()} WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export async function checkPrerequisites({ needPostgres, needBrowser, adminUrl, retried = false }) {
  const missing = [];
  if (needBrowser && !fs.existsSync(chromiumPath()))
    missing.push({ pkg: 'chromium', what: `Chromium (${chromiumPath()})` });
  if (needBrowser && !hasCjkFont())
    missing.push({ pkg: 'fonts-noto-cjk', what: 'a Chinese font (fonts-noto-cjk)' });
  // The OGC API tests read the app with GDAL's OAPIF driver, as QGIS does.
  if (!commandExists('ogrinfo')) missing.push({ pkg: 'gdal-bin', what: 'GDAL (ogrinfo)' });
  // The print tests read the PDFs' text (pdftotext) and render them to PNG (pdftoppm) to be looked at.
  if (!commandExists('pdftoppm') || !commandExists('pdftotext'))
    missing.push({ pkg: 'poppler-utils', what: 'poppler-utils (pdftoppm, pdftotext)' });
  let probe = needPostgres ? await pgProbe(adminUrl) : null;
  if (probe && !probe.reachable) {
    startLocalPostgres();
    probe = await pgProbe(adminUrl);
  }
  if (probe && !probe.reachable) {
    if (!commandExists('pg_ctlcluster') && canApt)
      missing.push({ pkg: 'postgresql', what: 'a PostgreSQL server' });
    else {
      fail(
        `无法连接 PostgreSQL（${adminUrl}）：${probe.error}。请启动 PostgreSQL，或设置 TEST_PG_ADMIN_URL；只测内嵌引擎可用 npm test -- --engine pglite`,
        `cannot reach PostgreSQL at ${adminUrl}: ${probe.error}. Start it or set TEST_PG_ADMIN_URL; to test only the embedded engine run npm test -- --engine pglite`,
      );
    }
  }
  if (probe?.reachable && !probe.postgis)
    missing.push({
      pkg: `postgresql-${probe.major}-postgis-3`,
      what: `PostGIS for PostgreSQL ${probe.major}`,
    });
  // pgRouting: the app does without it (great-circle travel), but the road-network tests use it when present.
  if (probe?.reachable && !probe.pgrouting)
    missing.push({
      pkg: `postgresql-${probe.major}-pgrouting`,
      what: `pgRouting for PostgreSQL ${probe.major}`,
    });

  if (missing.length && canApt && !retried) {
    aptInstall(missing.map((m) => m.pkg));
    if (missing.some((m) => m.pkg === 'postgresql')) startLocalPostgres();
    return checkPrerequisites({ needPostgres, needBrowser, adminUrl, retried: true });
  }
  if (missing.length) {
    const list = missing.map((m) => m.what).join(', ');
    const cmd = `apt-get install -y ${missing.map((m) => m.pkg).join(' ')}`;
    fail(
      `缺少测试所需的软件：${list}。请以 root 身份安装：${cmd}`,
      `missing what the tests need: ${list}. Install it as root: ${cmd}`,
    );
  }
  return { pg: needPostgres ? pgDatabases(adminUrl) : null };
}
