/**
 * Soil zones (土壤分区) as an analyst uses them (desktop 1280×800): ordinary kriging of Cd over the county with the
 * variogram plot, lag table and cross-validation; an IDW run compared side by side; the exceedance-probability map;
 * the production bases in strict-control zones; the exports. Then the samples and the panel at phone size.
 * Screenshots go to test-results/screenshots/.
 */
import type { OverlayResponse, ZoningRunDetail } from '../../server/contracts/soil';
import { expect, test } from './support/fixtures';
import { deckPaintedPixels, openMap, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

test('an analyst runs kriging of Cd, compares it with IDW, sees probabilities, risky bases and exports', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/soil');
  const panel = page.getByTestId('soil');
  await expect(panel).toBeVisible();

  // Ordinary kriging of Cd over the whole county with the variogram fitted automatically.
  const form = page.getByTestId('run-form');
  await form.getByTestId('run-metal').selectOption('cd');
  await form.getByTestId('run-area').selectOption('');
  await form.getByTestId('run-method').selectOption('kriging');
  await form.getByLabel('名称').fill('镉 克里金');
  const created = page.waitForResponse(
    (r) => r.url().endsWith('/api/soil/runs') && r.request().method() === 'POST',
  );
  await form.getByTestId('run-submit').click();
  const krigingRun = (await (await created).json()) as ZoningRunDetail;
  expect(krigingRun.method).toBe('kriging');

  const result = page.getByTestId('run-result');
  await expect(result.getByRole('heading', { name: '镉 克里金' })).toBeVisible();
  // The variogram: one dot per lag of the server's table, the fitted curve, the lag table behind a toggle.
  const plot = result.getByTestId('variogram-plot');
  await expect(plot).toBeVisible();
  await expect(plot.locator('circle')).toHaveCount(krigingRun.variogram!.lags.length);
  await expect(plot.locator('path')).toHaveCount(1);
  await result.getByText('滞后表').click();
  await expect(result.getByTestId('lag-table').locator('tbody tr')).toHaveCount(
    krigingRun.variogram!.lags.length,
  );
  // Cross-validation as the server computed it.
  const cv = result.getByTestId('cv-table');
  await expect(cv.locator('tbody tr').first()).toContainText(String(krigingRun.crossValidation.n));
  await expect(cv).toContainText('MSSE');
  await expect(cv).toContainText('%');
  // The strict-control zones reach the map; suggested sampling points are listed.
  await expect(result.getByTestId('suggestions').locator('tbody tr')).toHaveCount(
    krigingRun.suggestions.length,
  );
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(1000);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-1-kriging');

  // An IDW run of the same metal, then compared with the kriging run side by side.
  await form.getByTestId('run-method').selectOption('idw');
  await form.getByLabel('名称').fill('镉 IDW');
  const createdIdw = page.waitForResponse(
    (r) => r.url().endsWith('/api/soil/runs') && r.request().method() === 'POST',
  );
  await form.getByTestId('run-submit').click();
  const idwRun = (await (await createdIdw).json()) as ZoningRunDetail;
  expect(idwRun.crossValidation.msse).toBeNull();
  await expect(result.getByRole('heading', { name: '镉 IDW' })).toBeVisible();
  const row = page.getByTestId('run-list').locator('tr', { hasText: '镉 克里金' }).first();
  await row.getByRole('button', { name: '与此对比' }).click();
  await expect(cv.locator('thead th')).toHaveCount(3);
  await expect(cv.locator('thead')).toContainText('镉 IDW');
  await expect(cv.locator('thead')).toContainText('镉 克里金');
  await expect(result.getByTestId('agreement')).toContainText('%');
  await saveScreenshot(page, testInfo, 'soil-2-compare');

  // The probability of exceeding the screening value, drawn as an image on the run's grid.
  await row.getByRole('button', { name: '查看' }).click();
  await expect(result.getByRole('heading', { name: '镉 克里金' })).toBeVisible();
  const surface = page.waitForResponse((r) =>
    r.url().includes(`/soil/runs/${krigingRun.id}/surface/pScreening`),
  );
  await result.getByTestId('map-layer').getByLabel('超筛选值概率').check();
  expect((await surface).status()).toBe(200);
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(1000);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-3-probability');

  // The production bases in strict-control zones, as the server lists them.
  const overlay = (await (
    await api.get(`/api/soil/runs/${krigingRun.id}/subjects`)
  ).json()) as OverlayResponse;
  await page.getByTestId('soil-tab-overlay').click();
  await expect(page.getByTestId('overlay-totals')).toContainText(
    `严格管控类 ${overlay.totals.strictControl} 个`,
  );
  const strictRows = page.getByTestId('overlay-table').locator('tr[data-class="strict_control"]');
  await expect(strictRows).toHaveCount(
    overlay.groups.flatMap((g) => g.rows).filter((r) => r.class === 'strict_control').length,
  );
  await saveScreenshot(page, testInfo, 'soil-4-overlay');

  // The exports download.
  await page.getByTestId('soil-tab-run').click();
  const exports = page.getByTestId('exports');
  for (const [name, ext] of [
    ['GeoJSON', '.geojson'],
    ['Shapefile', '.zip'],
    ['Excel（主体清单）', '.xlsx'],
  ] as const) {
    const download = page.waitForEvent('download');
    await exports.getByRole('link', { name }).click();
    expect((await download).suggestedFilename()).toMatch(new RegExp(`\\${ext}$`));
  }

  // The standard as data.
  await page.getByTestId('soil-tab-standards').click();
  await expect(page.getByTestId('standards')).toContainText('GB 15618');
});

test('at phone size the samples and a run are usable', async ({ page }, testInfo) => {
  await openMap(page, '/#/soil');
  await expect(page.getByTestId('soil')).toBeVisible();
  await page.getByTestId('soil-tab-samples').click();
  await expect(page.getByTestId('sample-legend')).toContainText('严格管控类');
  await expect(page.getByTestId('samples')).toContainText('个采样点');
  await page.getByTestId('soil-tab-run').click();
  const list = page.getByTestId('run-list');
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: '查看' }).first().click();
  await expect(page.getByTestId('cv-table')).toBeVisible();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByTestId('run-result').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'soil-5-phone');
});
