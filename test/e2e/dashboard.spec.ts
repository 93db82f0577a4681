/**
 * The officials' dashboard as a county leader uses it (desktop 1280×800): pick the pass rate of 2024 over the
 * townships, see the choropleth coloured by distance to target and the ranking beside it, drill into the worst
 * township's villages by clicking, open the samples behind one number; then the same page at phone size (a list).
 * Screenshots of each step go to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import type { IndicatorsResponse } from '../../server/contracts/indicators';
import { expect, test } from './support/fixtures';
import { openMap, renderedCount, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

const FILL = 'dashboard-grids-fill';

/** A page point over a rendered choropleth grid, and that grid's id (scans the canvas on a coarse lattice). */
async function pointOverGrid(page: Page, wanted?: number): Promise<{ x: number; y: number; id: number }> {
  const hit = await page.evaluate(
    ({ layer, target }) => {
      const map = window.__nongan?.map;
      if (!map) return null;
      const canvas = map.getCanvas().getBoundingClientRect();
      for (let y = 20; y < canvas.height - 20; y += 12)
        for (let x = 20; x < canvas.width - 20; x += 12) {
          const f = map.queryRenderedFeatures([x, y], { layers: [layer] })[0];
          const id = f ? Number(f.properties.id) : null;
          if (id !== null && (target === undefined || id === target))
            return { x: canvas.left + x, y: canvas.top + y, id };
        }
      return null;
    },
    { layer: FILL, target: wanted },
  );
  if (!hit) throw new Error(`no rendered grid ${wanted ?? ''} on the map`);
  return hit;
}

test('an official ranks the townships by pass rate in 2024, drills into the worst and opens its samples', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/dashboard');
  const dashboard = page.getByTestId('dashboard');
  await expect(dashboard).toBeVisible();
  await page.getByTestId('year').selectOption('2024');
  await page.getByTestId('indicator').selectOption('pass_rate');

  // The ranking: ten townships and the county total, which is the server's number.
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const expected = (await (
    await api.get(`/api/indicators?level=township&parentId=${config.county.id}&from=2024-01-01&to=2024-12-31`)
  ).json()) as IndicatorsResponse;
  await expect(page.getByTestId('ranking-row')).toHaveCount(10);
  await expect(page.locator('.dashboard__legend')).toContainText('差 2 个百分点以内');
  const county = expected.parent!.values.pass_rate;
  await expect(page.getByTestId('ranking-total')).toContainText(`${(county.value! * 100).toFixed(1)} %`);
  await expect(page.getByTestId('ranking-total')).toContainText(
    `${county.numerator} / ${county.denominator}`,
  );

  // The choropleth: every township drawn, coloured by its class.
  await expect.poll(() => renderedCount(page, [FILL])).toBeGreaterThanOrEqual(10);
  await waitForIdle(page);
  await expect(page.locator('.dashboard__chart canvas').first()).toBeVisible();
  await saveScreenshot(page, testInfo, 'dashboard-1-townships');
  await page.locator('.dashboard__charts').scrollIntoViewIfNeeded();
  await expect(page.locator('.dashboard__chart canvas')).toHaveCount(2);
  await saveScreenshot(page, testInfo, 'dashboard-1-charts');

  // Raise the target to 97 %: the county's gap follows; then put the default back.
  const form = page.getByTestId('target-form');
  const setTarget = async (value: string) => {
    await form.locator('summary').click();
    await form.locator('input').fill(value);
    await form.getByRole('button', { name: '保存' }).click();
  };
  await page.locator('.dashboard__legend').scrollIntoViewIfNeeded();
  await setTarget('97');
  const gap = (target: number) => `${((county.value! - target) * 100).toFixed(1)}`;
  await expect(page.getByTestId('ranking-total')).toContainText(gap(0.97));
  await setTarget('96');
  await expect(page.getByTestId('ranking-total')).toContainText(`+${gap(0.96)}`);

  // The worst township is last in the ranking; click it on the map, then drill down.
  const worst = [...expected.units].sort(
    (a, b) => (a.values.pass_rate.value ?? 2) - (b.values.pass_rate.value ?? 2),
  )[0]!;
  await expect(page.getByTestId('ranking-row').last()).toContainText(worst.grid.name);
  const spot = await pointOverGrid(page, worst.grid.id);
  await page.mouse.click(spot.x, spot.y);
  const card = page.getByTestId('grid-card');
  await expect(card).toContainText(worst.grid.name);
  await expect(card).toContainText(
    `${worst.values.pass_rate.numerator} / ${worst.values.pass_rate.denominator}`,
  );
  await card.getByTestId('drill').click();

  const villages = (await (
    await api.get(`/api/indicators?level=village&parentId=${worst.grid.id}&from=2024-01-01&to=2024-12-31`)
  ).json()) as IndicatorsResponse;
  await expect(page.getByTestId('ranking-row')).toHaveCount(villages.units.length);
  await expect(page.getByTestId('ranking-total')).toContainText(worst.grid.name);
  await expect.poll(() => renderedCount(page, [FILL])).toBeGreaterThanOrEqual(villages.units.length);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'dashboard-2-villages');

  // Click a village with failures on the map and open the samples behind its number.
  const village = villages.units.find((u) => u.values.pass_rate.numerator < u.values.pass_rate.denominator)!;
  const at = await pointOverGrid(page, village.grid.id);
  await page.mouse.click(at.x, at.y);
  await expect(card).toContainText(village.grid.name);
  await card.getByTestId('open-records').click();
  const records = page.getByTestId('records');
  const v = village.values.pass_rate;
  await expect(records.locator('h3')).toContainText(`${v.denominator} 条`);
  await records.getByLabel('只看未达标的记录').check();
  await expect(records.locator('h3')).toContainText(`${v.denominator - v.numerator} 条`);
  await expect(records.getByTestId('record')).toHaveCount(v.denominator - v.numerator);
  await expect(records.getByTestId('record').first()).toContainText('不合格');
  await saveScreenshot(page, testInfo, 'dashboard-3-records');

  // The same at phone size: the ranking is a list of cards under the map.
  await page.setViewportSize({ width: 390, height: 844 });
  await records.getByText('关闭').click();
  await page.getByTestId('ranking').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('ranking-row').first()).toBeVisible();
  await saveScreenshot(page, testInfo, 'dashboard-4-phone');
});

test('an official reads rapid tests, enforcement cases and overdue rectifications of 2025', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/dashboard');
  await page.getByTestId('year').selectOption('2025');
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const expected = (await (
    await api.get(`/api/indicators?level=township&parentId=${config.county.id}&from=2025-01-01&to=2025-12-31`)
  ).json()) as IndicatorsResponse;
  const total = page.getByTestId('ranking-total');

  // Rapid tests: days per township per week, a number (not a percentage), with its counts.
  await page.getByTestId('indicator').selectOption('rapid_tests');
  const rapid = expected.parent!.values.rapid_tests;
  await expect(total).toContainText(rapid.value!.toFixed(2));
  await expect(total).toContainText(`${rapid.numerator} / ${rapid.denominator}`);
  await expect(total).not.toContainText('%');

  // Cases: the county's count against its minimum, the cases behind it, zero-case towns flagged.
  await page.getByTestId('indicator').selectOption('enforcement_cases');
  const cases = expected.parent!.values.enforcement_cases;
  await expect(total).toContainText(`${cases.numerator} / ${cases.denominator}`);
  const panel = page.getByTestId('cases');
  await expect(panel.locator('h3')).toContainText(`${cases.numerator} 件`);
  const zero = expected.units.filter((u) => u.values.enforcement_cases.flag === 'zero_cases').length;
  await expect(page.getByTestId('ranking').getByTestId('flag')).toHaveCount(zero);
  // A count is classed relative to its minimum: the legend speaks of the target, not of percentage points.
  const legend = page.locator('.dashboard__legend');
  await expect(legend).toContainText('差目标 10% 以内');
  await expect(legend).not.toContainText('百分点');
  await saveScreenshot(page, testInfo, 'dashboard-5-cases');

  // Overdue rectifications: a count against a maximum of 0.
  await page.getByTestId('indicator').selectOption('open_rectifications');
  const rect = expected.parent!.values.open_rectifications;
  await expect(total).toContainText(`${rect.numerator} / ${rect.denominator}`);
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('ranking').scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'dashboard-6-rectifications-phone');
});
