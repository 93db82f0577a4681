/**
 * The residue analyst's workspace (农残分析), desktop 1280×800: filter to 2024, leafy vegetables (叶菜类蔬菜) and
 * carbofuran (克百威), run Gi*, see the planted clusters' villages as hot spots (the same set the API computes),
 * click one on the map, read its samples and export them to Excel; the heat map draws with deck.gl. Then the phone
 * size (390×844): the workspace is usable under the map. Screenshots go to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import type { AreaHotspotsResponse } from '../../server/contracts/analysis';
import { expect, test } from './support/fixtures';
import { openMap, renderedCount, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

const FILL = 'analysis-units-fill';
const FILTER = {
  from: '2024-01-01',
  to: '2024-12-31',
  commodity: '叶菜类蔬菜',
  analyte: '克百威',
};

/** A page point over a rendered unit whose `cls` is a hot class (scans the canvas on a coarse lattice). */
async function pointOverHotUnit(page: Page, ids: string[]): Promise<{ x: number; y: number; id: string }> {
  const hit = await page.evaluate(
    ({ layer, wanted }) => {
      const map = window.__nongan?.map;
      if (!map) return null;
      const canvas = map.getCanvas().getBoundingClientRect();
      for (let y = 20; y < canvas.height - 20; y += 8)
        for (let x = 20; x < canvas.width - 20; x += 8) {
          const f = map.queryRenderedFeatures([x, y], { layers: [layer] })[0];
          const cls = f ? String(f.properties.cls) : '';
          if ((cls === 'hot_99' || cls === 'hot_95') && wanted.includes(String(f!.properties.id)))
            return { x: canvas.left + x, y: canvas.top + y, id: String(f!.properties.id) };
        }
      return null;
    },
    { layer: FILL, wanted: ids },
  );
  if (!hit) throw new Error('no hot unit rendered on the map');
  return hit;
}

async function filterTo2024LeafyCarbofuran(page: Page): Promise<void> {
  const filter = page.getByTestId('analysis-filter');
  await expect(filter.getByTestId('filter-analyte').locator('option[value="克百威"]')).toHaveCount(1);
  await filter.getByTestId('filter-year').selectOption('2024');
  await filter.getByTestId('filter-commodity').selectOption('叶菜类蔬菜');
  await filter.getByTestId('filter-analyte').selectOption('克百威');
}

test('an analyst finds the carbofuran hot spots of 2024 in leafy vegetables, reads and exports their samples', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/analysis');
  await expect(page.getByTestId('analysis')).toBeVisible();
  await filterTo2024LeafyCarbofuran(page);

  // The failure-rate choropleth of the same filter: every village drawn, the county summary from the server.
  await expect(page.getByTestId('rates-summary')).toContainText('个样品');
  await expect.poll(() => renderedCount(page, [FILL])).toBeGreaterThan(20);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-1-rates');

  // Gi* with queen contiguity: the hot villages are the ones the API finds (the planted clusters, checked against
  // the demo's truth in test/integration/analysis-api.test.ts).
  await page.getByTestId('analysis-tab-hotspots').click();
  await page.getByTestId('hot-method').selectOption('gi_star');
  await page.getByTestId('hot-weights').selectOption('queen');
  await page.getByTestId('run-hotspots').click();
  const expected = (await (
    await api.post('/api/analysis/area-hotspots', {
      data: { filter: FILTER, method: 'gi_star', weights: 'queen', standardization: 'row' },
    })
  ).json()) as AreaHotspotsResponse;
  const hot = expected.features
    .map((f) => f.properties)
    .filter((p) => p.class === 'hot_95' || p.class === 'hot_99');
  expect(hot.length).toBeGreaterThan(0);
  const rows = page.locator('[data-testid="hot-row"][data-class^="hot_9"]:not([data-class="hot_90"])');
  await expect(rows).toHaveCount(hot.length);
  for (const unit of hot) await expect(page.getByTestId('hot-table')).toContainText(unit.name!);
  await expect.poll(() => renderedCount(page, [FILL])).toBeGreaterThan(20);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-2-gi-star');

  // Click a hot village on the map: its samples, analytes and subjects.
  // (a village can be hot through its neighbours alone; the analyst opens one with failures of its own)
  const spot = await pointOverHotUnit(
    page,
    hot.filter((p) => p.failures > 0).map((p) => p.id),
  );
  const unit = expected.features.find((f) => f.properties.id === spot.id)!.properties;
  await page.mouse.click(spot.x, spot.y);
  const drill = page.getByTestId('drill-panel');
  await expect(drill).toContainText(unit.name!);
  await expect(drill.getByTestId('drill-total')).toContainText(`${unit.failures}`);
  await expect(drill.getByTestId('drill-row')).toHaveCount(unit.failures);
  await expect(drill.getByTestId('drill-row').first()).toContainText('克百威');
  await expect(drill.getByTestId('drill-analytes')).toContainText('克百威');
  await saveScreenshot(page, testInfo, 'analysis-3-drill');

  // Export them: an Excel workbook arrives.
  const download = page.waitForEvent('download');
  await drill.getByTestId('drill-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toBe('samples.xlsx');
  const saved = testInfo.outputPath('samples.xlsx');
  await file.saveAs(saved);
  const { statSync } = await import('node:fs');
  expect(statSync(saved).size).toBeGreaterThan(1000);

  // The scan statistic finds a cluster with a relative risk above 1.
  await page.getByTestId('run-scan').click();
  await expect(page.getByTestId('scan-clusters').locator('li').first()).toContainText('RR');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-3b-scan');

  // Space-time trends by quarter on the same villages: the map can show the trend classes.
  await page.getByTestId('run-trends').click();
  await expect(page.getByTestId('trend-list').locator('li').first()).toBeVisible();
  await page.getByTestId('trend-map').locator('select').selectOption('trend');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-3c-trends');

  // The heat map: deck.gl draws the density surface of the failing samples.
  await page.getByTestId('analysis-tab-heat').click();
  await expect(page.getByTestId('heat-count')).toContainText('个不合格样品');
  await expect
    .poll(() => page.evaluate(() => window.__nongan?.overlay()?.layerIds ?? []))
    .toContain('residue-density');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-4-density');
  await page.getByTestId('heat-mode').selectOption('hexagons');
  await expect
    .poll(() => page.evaluate(() => window.__nongan?.overlay()?.layerIds ?? []))
    .toContain('residue-hexagons');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-5-hexagons');
});

test('at phone size the analyst filters, runs Gi* and reads the hot spots under the map', async ({
  page,
}, testInfo) => {
  await openMap(page, '/#/analysis');
  await expect(page.getByTestId('analysis')).toBeVisible();
  await filterTo2024LeafyCarbofuran(page);
  await saveScreenshot(page, testInfo, 'analysis-phone-1-filter');
  await page.getByTestId('analysis-tab-hotspots').click();
  await page.getByTestId('run-hotspots').scrollIntoViewIfNeeded();
  await page.getByTestId('run-hotspots').click();
  const row = page.locator(
    '[data-testid="hot-row"][data-class="hot_99"], [data-testid="hot-row"][data-class="hot_95"]',
  );
  await expect(row.first()).toBeVisible();
  const withFailures = row.and(page.locator(':not([data-failures="0"])'));
  await row.first().scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'analysis-phone-2-hotspots');
  await withFailures.first().click();
  await expect(page.getByTestId('drill-row').first()).toBeVisible();
  await page.getByTestId('drill-panel').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'analysis-phone-3-drill');
});

test('desktop: an analyst maps the Gi* hot spots of her own GeoJSON', async ({ page }, testInfo) => {
  // 6 × 6 squares near the demo county, the 3 × 3 block in one corner with high values.
  const features = [];
  for (let i = 0; i < 6; i++)
    for (let j = 0; j < 6; j++) {
      const [x, y] = [87.3 + i * 0.02, 43.9 + j * 0.02];
      features.push({
        type: 'Feature',
        properties: { name: `${i}-${j}`, value: i < 3 && j < 3 ? 10 + ((i + j) % 2) : (i * 7 + j * 3) % 4 },
        geometry: {
          type: 'Polygon',
          coordinates: [
            [
              [x, y],
              [x + 0.02, y],
              [x + 0.02, y + 0.02],
              [x, y + 0.02],
              [x, y],
            ],
          ],
        },
      });
    }
  await openMap(page, '/#/analysis');
  await page.getByTestId('analysis-tab-own').click();
  await page.getByTestId('own-file').setInputFiles({
    name: 'mine.geojson',
    mimeType: 'application/geo+json',
    buffer: Buffer.from(JSON.stringify({ type: 'FeatureCollection', features })),
  });
  await expect(page.getByTestId('own-property')).toHaveValue('value');
  await page.getByTestId('hot-method').selectOption('gi_star');
  await page.getByTestId('own-run').click();
  await expect(page.getByTestId('own-summary')).toContainText('热点');
  await expect
    .poll(() => page.evaluate(() => window.__nongan?.overlay()?.layerIds ?? []))
    .toContain('analysis-result');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'analysis-6-own-data');
});

test('desktop: the single-sample form sends a valid sample and shows the server’s answer (unknown subject: nothing saved)', async ({
  page,
  consoleProblems,
}) => {
  consoleProblems.allow(/status of 422/);
  await openMap(page, '/#/analysis');
  await page.getByTestId('analysis-tab-entry').click();
  const form = page.getByTestId('entry-form');
  await expect(form.getByTestId('entry-commodity').locator('option[value="菠菜"]')).toHaveCount(1);
  await form.getByTestId('entry-code').fill('E2E-ANALYSIS-0001');
  await form.getByTestId('entry-commodity').selectOption('菠菜');
  await form.getByLabel('主体编码（可选）').fill('NOPE-404');
  await form.getByTestId('entry-lon').fill('87.62');
  await form.getByTestId('entry-lat').fill('43.83');
  await form.getByTestId('entry-analyte').selectOption('克百威');
  await form.getByTestId('entry-value').fill('0.05');
  await form.getByTestId('entry-save').click();
  // The strict schema accepted the body; the server refused only the subject, naming it, and wrote nothing.
  await expect(page.getByText('生产主体 NOPE-404 不存在')).toBeVisible();
  await expect(page.getByTestId('entry-saved')).toHaveCount(0);
});
