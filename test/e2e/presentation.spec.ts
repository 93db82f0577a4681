/**
 * Presentation mode (issue 8, item 3) as a county official uses it on the meeting-room projector (1920×1080):
 * save two views of the dashboard — the townships' pass rate of 2024 and the patrol coverage of the worst
 * township's villages — reorder them, present the deck full screen and step through the slides with the keys
 * and the on-screen buttons (the map, indicator and title change with each slide), compare 2024 with 2023 with a
 * swipe divider and side by side, pick a day for patrol playback, leave with Esc; then the same at phone size.
 * Screenshots go to test-results/screenshots/.
 */
import type { APIRequestContext, Locator, Page } from '@playwright/test';
import type { IndicatorsResponse } from '../../server/contracts/indicators';
import type { SavedView } from '../../server/contracts/views';
import { expect, logIn, test } from './support/fixtures';
import { openMap } from './support/map';
import { saveScreenshot } from './support/screenshots';

/** The official's page: a county official created for this test, logged in with a password of its own. */
async function asOfficial(page: Page, api: APIRequestContext, countyId: number) {
  const username = `leader-${Date.now().toString(36)}`;
  const created = await api.post('/api/admin/users', {
    data: { username, displayName: '县分管领导', role: 'county_official', jurisdictionId: countyId },
  });
  expect(created.status(), await created.text()).toBe(201);
  const { password } = (await created.json()) as { password: string };
  const csrf = await logIn(page.context(), { username, password });
  const changed = await page.context().request.post('/api/auth/password', {
    data: { current: password, next: 'Meeting-room-2025!' },
    headers: { 'X-CSRF-Token': csrf },
  });
  expect(changed.status(), await changed.text()).toBe(204);
  return username;
}

async function saveView(page: Page, name: string): Promise<void> {
  const panel = page.getByTestId('views-panel');
  const before = await panel.getByTestId('views-item').count();
  await panel.getByTestId('views-name').fill(name);
  await panel.getByTestId('views-save').click();
  await expect(panel.getByTestId('views-item')).toHaveCount(before + 1);
  await expect(panel.getByRole('status')).toContainText(name);
}

const attr = (locator: Locator, name: string) => locator.getAttribute(name).then((v) => v ?? '');

test('an official saves two views, presents them as slides and compares two years with a swipe', async ({
  page,
  api,
}, testInfo) => {
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const countyId = config.county.id;
  await asOfficial(page, api, countyId);
  const towns = (await (
    await api.get(`/api/indicators?level=township&parentId=${countyId}&from=2024-01-01&to=2024-12-31`)
  ).json()) as IndicatorsResponse;
  const worst = [...towns.units].sort(
    (a, b) => (a.values.pass_rate.value ?? 2) - (b.values.pass_rate.value ?? 2),
  )[0]!;
  const villages = (await (
    await api.get(`/api/indicators?level=village&parentId=${worst.grid.id}&from=2024-01-01&to=2024-12-31`)
  ).json()) as IndicatorsResponse;

  // The dashboard: pass rate of 2024 over the townships; save it as the first view.
  await openMap(page, '/#/dashboard');
  await page.getByTestId('year').selectOption('2024');
  await page.getByTestId('indicator').selectOption('pass_rate');
  await expect(page.getByTestId('ranking-row')).toHaveCount(towns.units.length);
  await page.getByTestId('views-open').click();
  await expect(page.getByTestId('views-panel')).toContainText('这个演示文稿还没有视图');
  await saveView(page, '全县抽检合格率');

  // Drill into the worst township, switch to patrol coverage, save the second view.
  await page.getByTestId('ranking-row').filter({ hasText: worst.grid.name }).click();
  await page.getByTestId('grid-card').getByTestId('drill').click();
  await expect(page.getByTestId('ranking-row')).toHaveCount(villages.units.length);
  await page.getByTestId('indicator').selectOption('patrol_coverage');
  await saveView(page, `${worst.grid.name}巡查覆盖率`);
  await saveScreenshot(page, testInfo, 'presentation-0-views');

  // Reorder: the township slide first. The server keeps the deck (the meeting-room PC reads the same list).
  const items = page.getByTestId('views-item');
  await items.nth(0).getByRole('button', { name: /下移/ }).click();
  await expect(items.nth(0)).toContainText(`${worst.grid.name}巡查覆盖率`);
  const stored = (await (await page.context().request.get('/api/views')).json()) as SavedView[];
  expect(stored.map((v) => [v.name, v.position, v.state.indicator, v.state.level])).toEqual([
    [`${worst.grid.name}巡查覆盖率`, 1, 'patrol_coverage', 'village'],
    ['全县抽检合格率', 2, 'pass_rate', 'township'],
  ]);
  expect(stored[0]!.state.parentId).toBe(worst.grid.id);
  expect(stored[0]!.state.period).toEqual({ from: '2024-01-01', to: '2024-12-31' });

  // Present: full screen, the app's chrome hidden, the first slide applies its view.
  await page.getByTestId('views-present').click();
  const show = page.getByTestId('presentation');
  const stage = page.getByTestId('presentation-stage');
  await expect(show).toBeVisible();
  await expect(page.getByTestId('slide-counter')).toContainText('1 / 2');
  await expect(page.getByTestId('slide-title')).toHaveText(`${worst.grid.name}巡查覆盖率`);
  await expect(stage).toHaveAttribute('data-indicator', 'patrol_coverage');
  await expect(stage).toHaveAttribute('data-features', String(villages.units.length));
  await expect(stage).toHaveAttribute('aria-busy', 'false');
  await expect(page.locator('.pres-title p')).toContainText('巡查覆盖率 · 2024');
  await expect(page.getByTestId('slide-prev')).toBeDisabled();
  const firstCamera = await attr(stage, 'data-camera');
  expect(firstCamera).toMatch(/^\d+\.\d+,\d+\.\d+,\d+\.\d+$/);
  // The map drew the villages' choropleth.
  await expect.poll(() => attr(stage, 'data-rendered').then(Number)).toBe(villages.units.length);
  await saveScreenshot(page, testInfo, 'presentation-1-slide');

  // Next slide with the arrow key: the other indicator over the townships, another camera and title.
  await page.keyboard.press('ArrowRight');
  await expect(page.getByTestId('slide-counter')).toContainText('2 / 2');
  await expect(page.getByTestId('slide-title')).toHaveText('全县抽检合格率');
  await expect(stage).toHaveAttribute('data-indicator', 'pass_rate');
  await expect(stage).toHaveAttribute('data-features', String(towns.units.length));
  await expect.poll(() => attr(stage, 'data-camera')).not.toBe(firstCamera);
  const total = towns.parent!.values.pass_rate.value!;
  await expect(page.getByTestId('figure-a')).toContainText(`${(total * 100).toFixed(1)} %`);
  await expect(page.getByTestId('slide-next')).toBeDisabled();
  // PageUp goes back, the on-screen button forward again, Space past the end stays on the last slide.
  await page.keyboard.press('PageUp');
  await expect(page.getByTestId('slide-counter')).toContainText('1 / 2');
  await expect.poll(() => attr(stage, 'data-camera')).toBe(firstCamera);
  await page.getByTestId('slide-next').click();
  await expect(page.getByTestId('slide-counter')).toContainText('2 / 2');
  await page.keyboard.press(' ');
  await expect(page.getByTestId('slide-counter')).toContainText('2 / 2');
  await expect.poll(() => attr(stage, 'data-rendered').then(Number)).toBe(towns.units.length);
  await saveScreenshot(page, testInfo, 'presentation-2-slide');

  // Swipe: 2024 on the left, 2023 on the right of a draggable divider, two synchronised maps.
  await page.getByTestId('compare-mode').selectOption('swipe');
  await expect(stage).toHaveAttribute('data-compare', 'swipe');
  await expect(stage).toHaveAttribute('data-period-b', '2023-01-01/2023-12-31');
  await expect(stage.locator('canvas.maplibregl-canvas')).toHaveCount(2);
  const towns2023 = (await (
    await api.get(`/api/indicators?level=township&parentId=${countyId}&from=2023-01-01&to=2023-12-31`)
  ).json()) as IndicatorsResponse;
  const total2023 = towns2023.parent!.values.pass_rate.value;
  await expect(page.getByTestId('figure-b')).toContainText(
    total2023 === null ? '无数据' : `${(total2023 * 100).toFixed(1)} %`,
  );
  const divider = page.getByTestId('swipe-divider');
  await expect(divider).toHaveAttribute('aria-valuenow', '50');
  const box = (await stage.boundingBox())!;
  const handle = (await divider.boundingBox())!;
  await page.mouse.move(handle.x + handle.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.3, box.y + box.height / 2, { steps: 8 });
  await page.mouse.up();
  const at = Number(await attr(divider, 'aria-valuenow'));
  expect(at).toBeGreaterThanOrEqual(27);
  expect(at).toBeLessThanOrEqual(33);
  await expect(stage.locator('.pres-map--b')).toHaveAttribute(
    'style',
    new RegExp(`inset\\(0px 0px 0px ${at}`),
  );
  // Panning one map moves the other with it.
  const cameraBefore = await attr(stage, 'data-camera');
  await page.mouse.move(box.x + box.width * 0.7, box.y + box.height * 0.5);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.6, box.y + box.height * 0.4, { steps: 6 });
  await page.mouse.up();
  await expect.poll(() => attr(stage, 'data-camera')).not.toBe(cameraBefore);
  await expect(stage).toHaveAttribute('aria-busy', 'false');
  await page.waitForTimeout(1000); // the second map draws its tiles (software WebGL) before the screenshot
  await saveScreenshot(page, testInfo, 'presentation-3-swipe');

  // Side by side, against 2022.
  await page.getByTestId('compare-mode').selectOption('side');
  await page.getByTestId('compare-year').selectOption('2022');
  await expect(stage).toHaveAttribute('data-compare', 'side');
  await expect(stage).toHaveAttribute('data-period-b', '2022-01-01/2022-12-31');
  const [a, b] = await Promise.all([
    stage.locator('.pres-map--a').boundingBox(),
    stage.locator('.pres-map--b').boundingBox(),
  ]);
  expect(b!.x).toBeGreaterThan(a!.x + a!.width - 10);
  await expect(stage).toHaveAttribute('aria-busy', 'false');
  await page.waitForTimeout(1000);
  await saveScreenshot(page, testInfo, 'presentation-4-side');

  // Patrol playback for a chosen day: the county's tracks of that day, animated (the clock runs).
  const day = '2024-06-12';
  const tracks = (await (await api.get(`/api/patrols/tracks?date=${day}&gridId=${countyId}`)).json()) as {
    trips: unknown[];
  };
  expect(tracks.trips.length).toBeGreaterThan(0);
  await page.getByTestId('playback-open').click();
  await page.getByTestId('playback-day').fill(day);
  await expect(page.getByTestId('playback-status')).toContainText(`${tracks.trips.length} 条巡查轨迹`);
  const clock = page.getByTestId('playback-clock');
  const startedAt = await clock.textContent();
  await expect.poll(() => clock.textContent()).not.toBe(startedAt);
  // deck.gl draws the tracks on its own canvas over the slide's map.
  await expect(stage.locator('.pres-map--a canvas')).toHaveCount(2);
  await saveScreenshot(page, testInfo, 'presentation-5-playback');
  await page.getByTestId('playback-toggle').click();
  await expect(page.getByTestId('playback-toggle')).toContainText('播放');

  // Keep the comparison and the day in the slide's view: the deck opens this slide that way next time.
  await page.getByTestId('slide-save').click();
  await expect
    .poll(async () => {
      const list = (await (await page.context().request.get('/api/views')).json()) as SavedView[];
      const saved = list.find((v) => v.name === '全县抽检合格率')!;
      return [saved.state.compare, saved.state.patrolDay];
    })
    .toEqual([{ period: { from: '2022-01-01', to: '2022-12-31' }, mode: 'side' }, day]);

  // Esc leaves the presentation; the app is back.
  await page.keyboard.press('Escape');
  await expect(show).toHaveCount(0);
  await expect(page.getByTestId('dashboard')).toBeVisible();

  // Phone size: the same deck, stacked and in smaller type.
  await page.setViewportSize({ width: 390, height: 844 });
  await expect(page.getByTestId('views-present')).toBeVisible();
  await saveScreenshot(page, testInfo, 'presentation-6-phone-views');
  await page.getByTestId('views-present').click();
  await expect(page.getByTestId('slide-counter')).toContainText('1 / 2');
  await expect(stage).toHaveAttribute('data-features', String(villages.units.length));
  await page.getByTestId('slide-next').click();
  await expect(stage).toHaveAttribute('data-indicator', 'pass_rate');
  await expect(stage).toHaveAttribute('data-compare', 'side'); // as saved above
  await page.getByTestId('compare-mode').selectOption('swipe');
  await expect(stage.locator('canvas.maplibregl-canvas')).toHaveCount(2);
  await expect(stage).toHaveAttribute('aria-busy', 'false');
  await expect.poll(() => attr(stage, 'data-rendered').then(Number)).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'presentation-7-phone-slide');
  await page.getByTestId('presentation-exit').click();
  await expect(show).toHaveCount(0);
});
