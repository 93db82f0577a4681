/**
 * Soil zones (土壤分区) as an analyst uses them (desktop 1280×800): ordinary kriging of Cd over the county with the
 * variogram plot, lag table and cross-validation; an IDW run compared side by side and by swipe; the
 * exceedance-probability map with its numeric legend; a strict-control zone clicked on the map with the bases inside
 * it and their list exported; the production bases per grid; the exports; the sample filter applied to the samples
 * and to a run, which is then renamed (a stale rename refused) and deleted. Then the samples, the filter and a run
 * at phone size. Screenshots go to test-results/screenshots/.
 */
import type {
  OverlayResponse,
  SoilSampleCollection,
  ZoneCollection,
  ZoneDetail,
  ZoningRunDetail,
} from '../../server/contracts/soil';
import { expect, test } from './support/fixtures';
import { centreOn, clickMapAt, deckPaintedPixels, openMap, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

/** A point inside the largest strict-control zone of a run (the mean of its outer ring, checked to lie inside). */
function insideStrictZone(zones: ZoneCollection): { id: number; point: [number, number] } {
  const strict = zones.features
    .filter((f) => f.properties.class === 'strict_control')
    .sort((a, b) => b.properties.areaMu - a.properties.areaMu)[0]!;
  const g = strict.geometry as { type: string; coordinates: number[][][] | number[][][][] };
  const rings = (
    g.type === 'Polygon' ? g.coordinates : (g.coordinates as number[][][][])[0]!
  ) as number[][][];
  const ring = rings[0]!;
  const point: [number, number] = [
    ring.reduce((s, p) => s + p[0]!, 0) / ring.length,
    ring.reduce((s, p) => s + p[1]!, 0) / ring.length,
  ];
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i] as [number, number];
    const [xj, yj] = ring[j] as [number, number];
    if (yi > point[1] !== yj > point[1] && point[0] < ((xj - xi) * (point[1] - yi)) / (yj - yi) + xi)
      inside = !inside;
  }
  expect(inside, 'the mean of the strict-control ring lies inside it').toBe(true);
  return { id: Number(strict.id), point };
}

test('an analyst runs kriging of Cd, compares it with IDW, sees probabilities, risky bases and exports', async ({
  page,
  api,
  consoleProblems,
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
  // The run's metadata and the class legend with the areas.
  await result.getByTestId('run-meta').locator('summary').click();
  await expect(result.getByTestId('run-meta')).toContainText(krigingRun.createdBy);
  await expect(result.getByTestId('run-meta')).toContainText('未筛选');
  await expect(result.getByTestId('zone-legend')).toContainText('严格管控类');
  await expect(result.getByTestId('zone-legend')).toContainText('亩');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-1-kriging');

  // A strict-control zone clicked on the map: its card lists the bases inside, as the server does, and exports them.
  const zones = (await (
    await api.get(`/api/soil/runs/${krigingRun.id}/zones.geojson`)
  ).json()) as ZoneCollection;
  const strict = insideStrictZone(zones);
  const zoneDetail = (await (await api.get(`/api/soil/zones/${strict.id}`)).json()) as ZoneDetail;
  await centreOn(page, strict.point, 12);
  await clickMapAt(page, strict.point);
  const card = page.getByTestId('zone-card');
  await expect(card).toHaveAttribute('data-class', 'strict_control');
  await expect(card).toContainText('严格管控类');
  await expect(card.locator('tbody tr')).toHaveCount(zoneDetail.subjects.length);
  if (zoneDetail.subjects.length) {
    await expect(card).toContainText(zoneDetail.subjects[0]!.subject.name);
    const zoneList = page.waitForEvent('download');
    await card.getByTestId('zone-excel').click();
    expect((await zoneList).suggestedFilename()).toMatch(/\.xlsx$/);
  }
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-1b-zone-clicked');
  await card.getByRole('button', { name: '关闭' }).click();
  await expect(card).toHaveCount(0);

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
  // The two runs on the map by swipe: the current run west of the divider, the compared run east of it.
  const swipe = result.getByTestId('swipe');
  await swipe.getByTestId('swipe-toggle').check();
  await expect(swipe).toContainText('左：镉 IDW');
  await expect(swipe).toContainText('右：镉 克里金');
  await swipe.getByTestId('swipe-position').fill('30');
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(1000);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-2b-swipe');
  await swipe.getByTestId('swipe-toggle').uncheck();

  // The probability of exceeding the screening value, drawn as an image on the run's grid.
  await row.getByRole('button', { name: '查看' }).click();
  await expect(result.getByRole('heading', { name: '镉 克里金' })).toBeVisible();
  const surface = page.waitForResponse((r) =>
    r.url().includes(`/soil/runs/${krigingRun.id}/surface/pScreening`),
  );
  await result.getByTestId('map-layer').getByLabel('超筛选值概率').check();
  expect((await surface).status()).toBe(200);
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(1000);
  // The numeric legend: a ramp from 0 to 100 % with its title.
  const legend = result.getByTestId('surface-legend');
  await expect(legend).toHaveAttribute('data-layer', 'pScreening');
  await expect(legend).toContainText('超过筛选值的概率 (%)');
  await expect(legend.locator('.soil-ramp-ticks span')).toHaveText(['0', '25', '50', '75', '100']);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-3-probability');
  await result.getByTestId('map-layer').getByLabel('克里金方差').check();
  await expect(legend).toHaveAttribute('data-layer', 'variance');
  await expect(legend).toContainText('(mg/kg)²');
  await expect(legend.locator('.soil-ramp-ticks span')).toHaveCount(5);
  await result.getByTestId('map-layer').getByLabel('分区').check();

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
  // Per grid, with the areas in 亩; the list exports to Excel, all or of one class.
  await expect(page.getByTestId('overlay-group')).toHaveCount(overlay.groups.length);
  await expect(page.getByTestId('overlay-totals')).toContainText('亩');
  await saveScreenshot(page, testInfo, 'soil-4-overlay');
  await page.getByTestId('overlay-class').selectOption('strict_control');
  await expect(page.getByTestId('overlay-table').locator('tr[data-class="safe_utilisation"]')).toHaveCount(0);
  await expect(page.getByTestId('overlay-excel')).toHaveAttribute('href', /class=strict_control/);
  const overlayList = page.waitForEvent('download');
  await page.getByTestId('overlay-excel').click();
  expect((await overlayList).suggestedFilename()).toMatch(/\.xlsx$/);

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

  // The sample filter: paddy samples of 2023 or later in which mercury was measured, as the server counts them.
  await page.getByTestId('soil-tab-samples').click();
  const filter = page.getByTestId('sample-filter');
  await filter.locator('summary').click();
  const expected = (await (
    await api.get('/api/soil/samples?from=2023-01-01&landUse=paddy&metal=hg')
  ).json()) as SoilSampleCollection;
  await filter.getByTestId('filter-from').fill('2023-01-01');
  await filter.getByTestId('filter-land-use').selectOption('paddy');
  await filter.getByTestId('filter-metal').selectOption('hg');
  await expect(page.getByTestId('samples')).toContainText(`${expected.features.length} 个采样点`);
  await expect(filter.locator('summary')).toContainText('3 项');
  // A reversed range is refused in the form and changes nothing.
  await filter.getByTestId('filter-to').fill('2020-01-01');
  await expect(filter.getByRole('alert')).toContainText('开始日期不能晚于结束日期');
  await expect(page.getByTestId('samples')).toContainText(`${expected.features.length} 个采样点`);
  await filter.getByTestId('filter-to').fill('');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'soil-6-filter');

  // A run on the filtered samples records the filter.
  await page.getByTestId('soil-tab-run').click();
  await expect(form.getByTestId('run-filter')).toContainText('水田');
  await form.getByTestId('run-method').selectOption('idw');
  await form.getByLabel('名称').fill('镉 IDW 水田');
  const createdFiltered = page.waitForResponse(
    (r) => r.url().endsWith('/api/soil/runs') && r.request().method() === 'POST',
  );
  await form.getByTestId('run-submit').click();
  const filtered = (await (await createdFiltered).json()) as ZoningRunDetail;
  expect(filtered.sampleFilter).toMatchObject({ from: '2023-01-01', landUses: ['paddy'] });
  expect(filtered.sampleCount).toBeLessThan(idwRun.sampleCount);
  await expect(result.getByRole('heading', { name: '镉 IDW 水田' })).toBeVisible();
  await result.getByTestId('run-meta').locator('summary').click();
  await expect(result.getByTestId('run-meta')).toContainText('水田');

  // Renaming: someone else renames it first, so the first try is refused and the list reloads; saving again works.
  await api.patch(`/api/soil/runs/${filtered.id}`, {
    data: { version: filtered.version, name: '镉 IDW 水田（他人）' },
  });
  consoleProblems.allow(/409/);
  const list = page.getByTestId('run-list');
  const mineRow = () => list.locator(`tr[data-run="${filtered.id}"]`);
  await mineRow().getByRole('button', { name: '改名' }).click();
  await mineRow().getByTestId('rename-input').fill('镉 IDW 水田 2023 起');
  await mineRow().getByRole('button', { name: '保存' }).click();
  await expect(page.getByTestId('soil-notice')).toContainText('已被他人修改');
  // The typed name stays in the form; saving again goes with the reloaded version.
  await expect(mineRow().getByTestId('rename-input')).toHaveValue('镉 IDW 水田 2023 起');
  await expect(mineRow().getByTestId('rename-now')).toContainText('镉 IDW 水田（他人）');
  await mineRow().getByRole('button', { name: '保存' }).click();
  await expect(mineRow()).toContainText('镉 IDW 水田 2023 起');
  await expect(result.getByRole('heading', { name: '镉 IDW 水田 2023 起' })).toBeVisible();

  // Deleting asks first; cancelling keeps it, confirming removes it from the list, the map and the server.
  await mineRow().getByRole('button', { name: '删除' }).click();
  const confirm = page.getByTestId('confirm-delete');
  await expect(confirm).toContainText('镉 IDW 水田 2023 起');
  await saveScreenshot(page, testInfo, 'soil-7-confirm-delete');
  await confirm.getByRole('button', { name: '取消' }).click();
  await expect(mineRow()).toHaveCount(1);
  await mineRow().getByRole('button', { name: '删除' }).click();
  await confirm.getByRole('button', { name: '确认删除' }).click();
  await expect(mineRow()).toHaveCount(0);
  await expect(page.getByTestId('soil-notice')).toContainText('已删除');
  await expect(page.getByTestId('run-result')).toHaveCount(0);
  expect((await api.get(`/api/soil/runs/${filtered.id}`)).status()).toBe(404);
});

test('at phone size the samples and a run are usable', async ({ page }, testInfo) => {
  await openMap(page, '/#/soil');
  await expect(page.getByTestId('soil')).toBeVisible();
  await page.getByTestId('soil-tab-samples').click();
  await expect(page.getByTestId('sample-legend')).toContainText('严格管控类');
  await expect(page.getByTestId('samples')).toContainText('个采样点');
  // The filter fits the phone and applies.
  const filter = page.getByTestId('sample-filter');
  await filter.locator('summary').tap();
  await filter.getByTestId('filter-land-use').selectOption('dry');
  await expect(filter.locator('summary')).toContainText('1 项');
  await saveScreenshot(page, testInfo, 'soil-5a-phone-filter');
  await filter.getByTestId('filter-reset').tap();
  await page.getByTestId('soil-tab-run').click();
  const list = page.getByTestId('run-list');
  await expect(list).toBeVisible();
  await list.getByRole('button', { name: '查看' }).first().click();
  await expect(page.getByTestId('cv-table')).toBeVisible();
  await page.getByTestId('map-layer').getByLabel('超筛选值概率').check();
  await expect(page.getByTestId('surface-legend')).toContainText('%');
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await page.getByTestId('run-result').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'soil-5-phone');
});
