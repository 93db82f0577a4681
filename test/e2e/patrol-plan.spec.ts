/**
 * Patrol plans as a township supervisor uses them (desktop 1280×800): the county's coverage choropleth and the
 * villages nobody patrolled for a year (the demo's planted blind spots) on the map, the compliance table; then a
 * township's priority list, a three-day plan with its routes drawn on the map, daily summaries, GPX and navigation
 * links; last the same panel at phone size. Screenshots go to test-results/screenshots/.
 */
import type { BlindSpotsResponse, PatrolPlan } from '../../server/contracts/patrol-plans';
import { expect, test } from './support/fixtures';
import { deckPaintedPixels, openMap, renderedCount, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

test('a supervisor sees coverage and blind spots, plans a township and sees the routes', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/patrol-plan');
  const panel = page.getByTestId('patrol-plan');
  await expect(panel).toBeVisible();

  // Compliance per township and the coverage choropleth of the ten townships.
  await expect(page.getByTestId('compliance').locator('tbody tr')).toHaveCount(10);
  await expect.poll(() => renderedCount(page, ['patrol-coverage-fill'])).toBeGreaterThanOrEqual(10);

  // Blind spots: the villages the server finds without any patrol in 365 days, named in the panel and drawn.
  const blind = (await (await api.get('/api/patrols/blind-spots?days=365')).json()) as BlindSpotsResponse;
  const villages = blind.features.filter((f) => f.properties.kind === 'village');
  expect(villages.length).toBeGreaterThanOrEqual(3);
  const summary = page.getByTestId('blind-summary');
  await expect(summary).toContainText(`${villages.length} 个村`);
  for (const v of villages) await expect(page.getByTestId('blind-spots')).toContainText(v.properties.name);
  await expect.poll(() => renderedCount(page, ['patrol-blind-villages-fill'])).toBeGreaterThan(0);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-1-coverage');

  // A township: its priorities with factor contributions, then a three-day plan.
  const township = page.getByTestId('compliance').locator('tbody tr').first();
  const name = (await township.locator('td').first().textContent())!;
  await township.click();
  await expect(page.getByTestId('township').locator('option:checked')).toHaveText(name);
  const priorities = page.getByTestId('priorities');
  await expect(priorities.locator(':scope > li').first()).toBeVisible();
  await expect(priorities.locator('.patrol-plan__factors li').first()).toBeVisible();

  await page.getByTestId('plan-days').fill('3');
  const answer = page.waitForResponse((r) => r.url().endsWith('/api/patrols/plans') && r.status() === 201);
  await page.getByTestId('make-plan').click();
  const plan = (await (await answer).json()) as PatrolPlan;
  const shown = page.getByTestId('plan');
  await expect(shown.locator('details.patrol-plan__day')).toHaveCount(3);
  await expect(shown).toContainText(`计划 ${plan.id}`);
  await expect(shown.getByRole('link', { name: '高德导航' }).first()).toHaveAttribute(
    'href',
    /uri\.amap\.com\/marker\?position=/,
  );
  await expect(shown.getByRole('link', { name: '百度导航' }).first()).toHaveAttribute(
    'href',
    /coord_type=bd09ll/,
  );
  await expect(page.getByTestId('gpx')).toHaveAttribute('href', `/api/patrols/plans/${plan.id}.gpx`);
  const gpx = await api.get(`/api/patrols/plans/${plan.id}.gpx`);
  expect(await gpx.text()).toContain('<rte>');
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(500);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-2-routes');

  await page.setViewportSize({ width: 390, height: 844 });
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-3-phone');
});
