/**
 * End-to-end tests of the map client against the real server and a real database.
 *
 *   npx playwright test -c test/e2e/playwright.config.ts                      # embedded PGlite (E2E_ENGINE=pglite)
 *   E2E_ENGINE=postgres E2E_DATABASE_URL=postgres://…/nongan_e2e npx playwright test -c test/e2e/playwright.config.ts
 *
 * global-setup.ts builds the client if needed, starts `tsx server/src/main.ts` on a free port with the demo county
 * (DEMO_DATA=auto) and waits for /api/health. Chromium is Debian's (/usr/bin/chromium): `npx playwright install`
 * cannot work here. Everything written goes under test-results/.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { defineConfig } from '@playwright/test';

const HERE = path.dirname(fileURLToPath(import.meta.url));
const ROOT = path.resolve(HERE, '../..');
const engine = process.env.E2E_ENGINE === 'postgres' ? 'postgres' : 'pglite';

/**
 * The specs that only display what the API answers (the map and its inspector, phone layout, the analysis and the
 * dashboard views, presentation mode) run on PGlite; on PostgreSQL the suite runs the specs that write data or take
 * engine-specific server paths (exports, print, patrol plans with pgRouting, soil runs, accounts, grid planning and
 * import, the registry, offline patrol sync). The display specs' API answers are tested on both engines by the
 * integration suite, and the browser suite twice over does not fit CI's 30 minutes on a 2-core machine with software
 * WebGL. E2E_ALL=1 runs every spec on PostgreSQL too.
 */
const DISPLAY_ONLY = ['desktop', 'mobile', 'analysis', 'analysis-phone', 'dashboard', 'presentation'];

function forEngine<P extends { name?: string; dependencies?: string[] }>(projects: P[]): P[] {
  if (engine !== 'postgres' || process.env.E2E_ALL === '1') return projects;
  return projects
    .filter((p) => !DISPLAY_ONLY.includes(p.name ?? ''))
    .map((p) =>
      p.dependencies ? { ...p, dependencies: p.dependencies.filter((d) => !DISPLAY_ONLY.includes(d)) } : p,
    );
}

export default defineConfig({
  testDir: '.',
  testMatch: /.*\.spec\.ts$/,
  outputDir: path.join(ROOT, 'test-results', `e2e-output-${engine}`),
  globalSetup: path.join(HERE, 'global-setup.ts'),
  // The first start loads the demo county (minutes); software WebGL is slow on small CI machines.
  globalTimeout: 30 * 60_000,
  timeout: 180_000,
  expect: { timeout: 45_000 },
  // One browser at a time: every page renders WebGL in software and shares one server.
  workers: 1,
  fullyParallel: false,
  forbidOnly: true,
  retries: 0,
  reporter: process.env.CI ? 'list' : [['list']],
  use: {
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    // As an inspector who turned animations off: the camera jumps and labels do not fade, so every map change costs
    // one software-rendered frame instead of dozens (the animated path is what MapLibre itself tests).
    reducedMotion: 'reduce',
    // The trace of a failed test keeps its DOM snapshots and sources; a screencast of every test (thrown away when it
    // passes) would cost more CPU than the software-rendered maps themselves.
    trace: { mode: 'retain-on-failure', screenshots: false, snapshots: true, sources: true },
    screenshot: 'only-on-failure',
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
        '--no-first-run',
      ],
    },
  },
  projects: forEngine([
    { name: 'webgl', testMatch: /webgl\.spec\.ts$/ },
    {
      name: 'desktop',
      testMatch: /(desktop|records|load-failure)\.spec\.ts$/,
      dependencies: ['webgl'],
      use: { viewport: { width: 1440, height: 900 } },
    },
    {
      name: 'mobile',
      testMatch: /mobile\.spec\.ts$/,
      dependencies: ['webgl'],
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    // Grid planning edits the demo county (at its edge), so it runs after the specs that read it.
    {
      name: 'planning',
      testMatch: /planning\.spec\.ts$/,
      dependencies: ['desktop', 'mobile'],
      use: { viewport: { width: 1440, height: 900 } },
    },
    {
      name: 'planning-phone',
      testMatch: /planning-phone\.spec\.ts$/,
      dependencies: ['planning'],
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    // The registry edits and imports subjects, so it runs after the specs that read the demo county.
    {
      name: 'registry',
      testMatch: /registry\.spec\.ts$/,
      dependencies: ['planning-phone'],
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'registry-phone',
      testMatch: /registry-phone\.spec\.ts$/,
      dependencies: ['registry'],
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    // Grid import and the roster workbook (desktop and phone): after every other spec, as it re-imports villages.
    {
      name: 'planning-import',
      testMatch: /planning-import\.spec\.ts$/,
      dependencies: ['registry-phone'],
      use: { viewport: { width: 1280, height: 800 } },
    },
    // The patrol record on a phone, offline then online: writes patrols, so after the specs that read the demo county.
    {
      name: 'patrol-record-phone',
      testMatch: /patrol-record.*\.spec\.ts$/,
      dependencies: ['planning-import'],
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    // Layer downloads and map → registry (issue 7): reads only, so it needs no other project before it.
    {
      name: 'exports',
      testMatch: /exports\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    // The officials' dashboard (issue 8): reads only, so it needs no other project before it.
    {
      name: 'analysis',
      testMatch: /analysis\.spec\.ts$/,
      grep: /desktop|analyst finds/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'analysis-phone',
      testMatch: /analysis\.spec\.ts$/,
      grep: /phone size/,
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    {
      name: 'dashboard',
      testMatch: /dashboard.*\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    // Presentation mode (issue 8): reads the demo county, writes only its own account and saved views.
    {
      name: 'presentation',
      testMatch: /presentation\.spec\.ts$/,
      use: { viewport: { width: 1920, height: 1080 } },
    },
    // Print-ready maps (issue 8): reads the demo county only (exports files, writes nothing).
    {
      name: 'print',
      testMatch: /print\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 }, acceptDownloads: true },
    },
    // Patrol plans (issue 6, planning side): reads the demo county and writes only its own plans.
    {
      name: 'patrol-plan',
      testMatch: /patrol-plan\.spec\.ts$/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    // Soil zones (issue 5): reads the demo county's soil samples and writes only its own zoning runs.
    {
      name: 'soil',
      testMatch: /soil\.spec\.ts$/,
      grep: /analyst runs kriging/,
      use: { viewport: { width: 1280, height: 800 } },
    },
    {
      name: 'soil-phone',
      testMatch: /soil\.spec\.ts$/,
      grep: /phone size/,
      dependencies: ['soil'],
      use: { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true },
    },
    // Login, accounts and the audit log (issue 9): fresh browser contexts without the fixture's admin session.
    {
      name: 'auth',
      testMatch: /auth.*\.spec\.ts$/,
      dependencies: ['webgl'],
      use: { viewport: { width: 1280, height: 800 } },
    },
  ]),
});
