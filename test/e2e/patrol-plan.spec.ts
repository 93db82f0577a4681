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

test('a supervisor edits a plan, meets a concurrent edit, cancels it, and plays back a day of GPS tracks', async ({
  page,
  api,
  consoleProblems,
}, testInfo) => {
  await openMap(page, '/#/patrol-plan');
  await expect(page.getByTestId('compliance').locator('tbody tr')).toHaveCount(10);
  await page.getByTestId('compliance').locator('tbody tr').nth(1).click();
  await expect(page.getByTestId('priorities').locator(':scope > li').first()).toBeVisible();
  await page.getByTestId('plan-days').fill('2');
  const made = page.waitForResponse((r) => r.url().endsWith('/api/patrols/plans') && r.status() === 201);
  await page.getByTestId('make-plan').click();
  const plan = (await (await made).json()) as PatrolPlan;
  const shown = page.getByTestId('plan');
  await expect(shown).toHaveAttribute('data-version', String(plan.version));
  await expect(page.getByTestId('travel-model')).toContainText('直线距离');

  // Edit day 1: remove its first stop, move the (new) first one down, add a subject from the priority list.
  const day1 = page.getByTestId('day-1');
  const first = plan.routes[0]!.stops.map((s) => s.subject.id);
  await day1.getByTestId('remove-stop').first().click();
  await day1.getByRole('button', { name: '下移' }).first().click();
  const add = page.getByTestId('add-stop-1');
  const added = plan.unplaced[0]!.subjectId;
  await add.selectOption(String(added));
  const expected = [...first.slice(1)];
  if (expected.length > 1) [expected[0], expected[1]] = [expected[1]!, expected[0]!];
  expected.push(added);
  const saved = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 200);
  await page.getByTestId('save-edits').click();
  const edited = (await (await saved).json()) as PatrolPlan;
  expect(edited.routes[0]!.stops.map((s) => s.subject.id)).toEqual(expected);
  await expect(shown).toHaveAttribute('data-version', String(plan.version + 1));
  await expect(day1.getByTestId('stop')).toHaveCount(expected.length);
  await expect(shown).toContainText('编辑时移出');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-4-edited');

  // Someone else edits the plan meanwhile: the next save here is refused with a clear message, nothing changes.
  const other = await api.patch(`/api/patrols/plans/${plan.id}`, {
    data: { version: edited.version, routes: [{ day: 2, subjectIds: [] }] },
  });
  expect(other.status()).toBe(200);
  consoleProblems.allow(/409|Conflict/i);
  await day1.getByTestId('remove-stop').first().click();
  const refused = page.waitForResponse((r) => r.request().method() === 'PATCH' && r.status() === 409);
  await page.getByTestId('save-edits').click();
  await refused;
  await expect(page.getByText(/已被他人修改/).first()).toBeVisible();
  const now = await (await api.get(`/api/patrols/plans/${plan.id}`)).json();
  expect((now as PatrolPlan).routes[0]!.stops.map((s) => s.subject.id)).toEqual(expected);

  // Cancel (with the version now on the server, after reloading the plan into the form by making it again is not
  // needed: the API is used for the version, the button for the cancel itself on a fresh plan).
  const fresh = page.waitForResponse((r) => r.url().endsWith('/api/patrols/plans') && r.status() === 201);
  await page.getByTestId('make-plan').click();
  const second = (await (await fresh).json()) as PatrolPlan;
  await expect(shown).toHaveAttribute('data-version', String(second.version));
  await page.getByTestId('cancel-plan').click();
  await page.getByTestId('cancel-reason').fill('人员调整');
  await page.getByTestId('confirm-cancel').click();
  await expect(page.getByTestId('plan-cancelled')).toContainText('人员调整');
  await expect(shown).toHaveAttribute('data-status', 'cancelled');
  await expect(page.getByTestId('save-edits')).toHaveCount(0);

  // Activity heat map of the period, then the playback of the busiest demo day.
  await page.getByTestId('township').selectOption('');
  await page.getByTestId('show-activity').check();
  await expect(page.getByTestId('activity-count')).toBeVisible();
  const day = '2025-05-22';
  const tracks = (await (await api.get(`/api/patrols/tracks?date=${day}`)).json()) as {
    trips: unknown[];
    inspectors: { name: string }[];
  };
  expect(tracks.trips.length).toBeGreaterThan(0);
  await page.getByTestId('playback-date').fill(day);
  await expect(page.getByTestId('playback-toggle')).toBeVisible();
  await page.getByTestId('playback-inspector').selectOption(tracks.inspectors[0]!.name);
  const slider = page.getByTestId('playback-slider');
  const min = Number(await slider.getAttribute('min'));
  await slider.fill(String(min));
  const t0 = await page.getByTestId('playback-time').textContent();
  // 60×: a day's tracks take minutes to play, so the playing state lasts longer than a slow software-rendered frame.
  await page.getByTestId('playback-speed').selectOption('60');
  await page.getByTestId('playback-toggle').click();
  await expect(page.getByTestId('playback-toggle')).toHaveText('暂停');
  await expect.poll(() => page.getByTestId('playback-time').textContent()).not.toBe(t0);
  await page.getByTestId('playback-toggle').click();
  await expect(page.getByTestId('playback-toggle')).toHaveText('播放');
  const max = Number(await slider.getAttribute('max'));
  await slider.fill(String(max));
  await expect.poll(() => deckPaintedPixels(page)).toBeGreaterThan(100);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-5-playback');
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByTestId('playback').scrollIntoViewIfNeeded();
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'patrol-plan-6-playback-phone');
});
