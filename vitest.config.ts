import { defineConfig } from 'vitest/config';
import SlowFirstSequencer from './test/support/slow-first-sequencer';

/**
 * Projects:
 * - unit: pure code, no database.
 * - integration: real HTTP against a real database; the engine is chosen by TEST_ENGINE (pglite | postgres) and
 *   `npm test` runs this project once per engine.
 * End-to-end tests (test/e2e) run under Playwright, not vitest.
 */
export default defineConfig({
  test: {
    // A root option (vitest reads the sequencer of the root config only); it orders the integration files.
    sequence: { sequencer: SlowFirstSequencer },
    projects: [
      {
        test: {
          name: 'unit',
          include: ['test/unit/**/*.test.ts'],
          environment: 'node',
        },
      },
      {
        test: {
          name: 'integration',
          include: ['test/integration/**/*.test.ts'],
          environment: 'node',
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          pool: 'forks',
          maxWorkers: 2,
          // A worker runs its files one after another in one process: the server's modules are imported and the
          // PGlite test databases opened once per worker, not once per file (test/support/test-db.ts).
          isolate: false,
        },
      },
    ],
  },
});
