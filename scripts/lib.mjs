// Helpers shared by the start, dev and test commands. Plain Node (no dependencies): they run before `npm ci`.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
export const BIN = path.join(ROOT, 'node_modules', '.bin');

export function say(zh, en) {
  process.stdout.write(`» ${zh}${en ? ` / ${en}` : ''}\n`);
}

export function fail(zh, en) {
  process.stderr.write(`\n✗ ${zh}\n  ${en}\n\n`);
  process.exit(1);
}

function mtime(file) {
  try {
    return fs.statSync(file).mtimeMs;
  } catch {
    return 0;
  }
}

/** Newest modification time of any file under the given paths (directories are walked, node_modules skipped). */
export function newestMtime(paths) {
  let newest = 0;
  const walk = (p) => {
    let stat;
    try {
      stat = fs.statSync(p);
    } catch {
      return;
    }
    if (stat.isDirectory()) {
      if (path.basename(p) === 'node_modules' || path.basename(p) === 'dist') return;
      for (const entry of fs.readdirSync(p)) walk(path.join(p, entry));
    } else newest = Math.max(newest, stat.mtimeMs);
  };
  paths.forEach((p) => walk(path.join(ROOT, p)));
  return newest;
}

/** Installs the npm dependencies when node_modules is missing or older than package-lock.json. */
export function ensureDependencies() {
  const marker = path.join(ROOT, 'node_modules', '.package-lock.json');
  if (mtime(marker) >= mtime(path.join(ROOT, 'package-lock.json'))) return;
  say('正在安装依赖（npm ci）…', 'installing dependencies (npm ci)…');
  const result = spawnSync('npm', ['ci', '--no-audit', '--no-fund'], { cwd: ROOT, stdio: 'inherit' });
  if (result.status !== 0)
    fail('依赖安装失败，请检查网络或 npm 源。', 'npm ci failed: check the network or the npm registry.');
}

/** Whether client/dist is older than the client's sources (or missing). */
export function clientBuildIsStale() {
  const index = path.join(ROOT, 'client', 'dist', 'index.html');
  const sources = newestMtime(['client', 'server/contracts', 'vite.config.ts', 'package-lock.json']);
  return mtime(index) < sources;
}

/** Builds the client with Vite when client/dist is missing or older than its sources. */
export function ensureClientBuilt({ force = false } = {}) {
  if (!force && !clientBuildIsStale()) return;
  say('正在构建前端…', 'building the client…');
  const result = spawnSync(path.join(BIN, 'vite'), ['build', '--logLevel', 'warn'], {
    cwd: ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0) fail('前端构建失败。', 'the client build failed.');
}

/** Runs a command, streaming its output; resolves with its exit code. */
export function run(command, args, options = {}) {
  return new Promise((resolve) => {
    const child = spawn(command, args, { cwd: ROOT, stdio: 'inherit', ...options });
    child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0)));
    child.on('error', () => resolve(127));
  });
}

export function commandExists(command) {
  return spawnSync('sh', ['-c', `command -v ${command}`], { stdio: 'ignore' }).status === 0;
}
