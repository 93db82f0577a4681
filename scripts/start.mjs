// `npm start`: the one command that runs the app on a fresh machine — installs dependencies if needed, builds the
// client if needed, then starts the server (embedded PostGIS and the demo county unless DATABASE_URL / DEMO_DATA say
// otherwise). The server prints the URL when it is ready.
import path from 'node:path';
import { spawn } from 'node:child_process';
import { BIN, ROOT, ensureClientBuilt, ensureDependencies, say } from './lib.mjs';

ensureDependencies();
ensureClientBuilt();
if (!process.env.DATABASE_URL) {
  say(
    '首次启动会生成示范县数据，约需一分钟…',
    'the first start generates the demo county, which takes about a minute…',
  );
}
const server = spawn(path.join(BIN, 'tsx'), ['server/src/main.ts'], { cwd: ROOT, stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => server.kill(signal));
server.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
