/** Screenshots to look at, saved as test-results/screenshots/<engine>/<project>-<width>x<height>-<name>.png. */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page, TestInfo } from '@playwright/test';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..');

/**
 * Screenshots are taken on the PGlite run (and on PostgreSQL with E2E_SCREENSHOTS=1): the pages look the same on both
 * engines, and each capture renders a frame in software.
 */
export async function saveScreenshot(page: Page, testInfo: TestInfo, name: string): Promise<string | null> {
  const engine = process.env.E2E_ENGINE === 'postgres' ? 'postgres' : 'pglite';
  if (engine === 'postgres' && process.env.E2E_SCREENSHOTS !== '1') return null;
  const size = page.viewportSize();
  const file = path.join(
    ROOT,
    'test-results',
    'screenshots',
    engine,
    `${testInfo.project.name}-${size?.width}x${size?.height}-${name}.png`,
  );
  await page.screenshot({ path: file });
  await testInfo.attach(name, { path: file, contentType: 'image/png' });
  return file;
}
