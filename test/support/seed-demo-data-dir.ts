/**
 * `tsx test/support/seed-demo-data-dir.ts <dir>`: writes the migrated demo county into `<dir>/pglite` (see
 * seedDemoDataDir). Used by the end-to-end global setup on PGlite, in a process of its own because Playwright's
 * loader does not run the server's modules.
 */
import path from 'node:path';
import { seedDemoDataDir } from './demo-db';

const dir = process.argv[2];
if (!dir) {
  process.stderr.write('usage: tsx test/support/seed-demo-data-dir.ts <DATA_DIR>\n');
  process.exit(2);
}
await seedDemoDataDir(path.join(dir, 'pglite'));
