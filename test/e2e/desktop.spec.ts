/**
 * The map client on a desktop screen (1440×900): the county's grids render, layers switch, the inspector shows a
 * grid's roster and a subject's registry card as the API returns them, English works, and the heat map draws.
 */
import type { GridFeature, SubjectFeature } from '../../server/contracts/api';
import { expect, test } from './support/fixtures';
import {
  centreOn,
  clickMapAt,
  deckPaintedPixels,
  expectRendered,
  openMap,
  renderedCount,
  selection,
  setLayer,
  someSubject,
  someVillage,
  styleLayers,
} from './support/map';
import { saveScreenshot } from './support/screenshots';

test('opens on the demo county with its three levels of grids rendered', async ({ page, api }, testInfo) => {
  await openMap(page);
  const config = (await (await api.get('/api/config')).json()) as { county: { name: string } | null };
  expect(config.county, 'the demo county is loaded').not.toBeNull();
  await expect(page.getByTestId('county-name')).toHaveText(config.county?.name ?? '');
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await expect(page.getByRole('heading', { name: '农安一张图' })).toBeVisible();
  for (const toggle of ['county', 'township', 'village'] as const) await expectRendered(page, toggle);
  await expectRendered(page, 'subjects');
  await expectRendered(page, 'samples');
  await expect(page.locator('#legend')).toContainText('未配齐人员');
  await saveScreenshot(page, testInfo, 'map');
});

test('switching a layer off removes its rendered features and switching it on brings them back', async ({
  page,
}) => {
  await openMap(page);
  const layers = await styleLayers(page, 'samples');
  await expect.poll(() => renderedCount(page, layers)).toBeGreaterThan(0);
  await setLayer(page, 'samples', false);
  await expect.poll(() => renderedCount(page, layers)).toBe(0);
  await expect(page.locator('#legend')).not.toContainText('不合格');
  await setLayer(page, 'samples', true);
  await expect.poll(() => renderedCount(page, layers)).toBeGreaterThan(0);
  await expect(page.locator('#legend')).toContainText('不合格');
});

test('clicking a village grid shows its roster with the names and phones the API returns', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page);
  // Points would win the click (they are more specific), so only the grids stay on.
  for (const toggle of ['subjects', 'bases', 'samples', 'soil', 'patrols'] as const)
    await setLayer(page, toggle, false);
  const village = await someVillage(page);
  await centreOn(page, village.anchor, 11);
  await clickMapAt(page, village.anchor);
  await expect
    .poll(() => selection(page))
    .toMatchObject({ kind: 'grid', id: village.id, source: 'grids-village' });

  const grid = (await (await api.get(`/api/grids/${village.id}`)).json()) as GridFeature;
  const card = page.getByTestId('grid-card');
  await expect(card.getByRole('heading', { name: grid.properties.name })).toBeVisible();
  await expect(card).toContainText(grid.properties.code);
  await expect(card).toContainText('村级网格');
  const person = grid.properties.roster[0];
  if (person) {
    await expect(card).toContainText(person.name);
    await expect(card.locator(`a[href="tel:${person.phone.replace(/[^\d+]/g, '')}"]`).first()).toHaveText(
      person.phone,
    );
    await expect(card).toContainText(person.roleNameZh);
  } else {
    await expect(card).toContainText('尚未配备网格人员');
  }
  for (const missing of grid.properties.missingRoles) await expect(card).toContainText(missing.nameZh);
  // The inspector lists the township and the county under the same click.
  await expect(page.locator('.candidates')).toContainText('乡镇级网格');
  await saveScreenshot(page, testInfo, 'inspector-roster');
});

test('clicking a production subject shows its registry card', async ({ page, api }, testInfo) => {
  await openMap(page);
  for (const toggle of ['samples', 'soil', 'patrols'] as const) await setLayer(page, toggle, false);
  await expectRendered(page, 'subjects');
  const first = await someSubject(page);
  await centreOn(page, first.position, 14);
  const subject = await someSubject(page);
  await clickMapAt(page, subject.position);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'subject', id: subject.id });

  const record = (await (await api.get(`/api/subjects/${subject.id}`)).json()) as SubjectFeature;
  const card = page.getByTestId('subject-card');
  const p = record.properties;
  await expect(card.getByRole('heading', { name: p.name })).toBeVisible();
  await expect(card).toContainText(p.code);
  const credit = { A: 'A 较好', B: 'B 重点监控名单', C: 'C 黑名单' } as const;
  await expect(card).toContainText(p.creditClass ? credit[p.creditClass] : '未评级');
  await expect(card).toContainText(`${p.counts.samples} 批次`);
  if (p.baseAreaMu !== null) await expect(card).toContainText('亩');
  for (const person of p.responsible) await expect(card).toContainText(person.name);
  await saveScreenshot(page, testInfo, 'inspector-subject');
});

test('switching to English translates the interface and is remembered', async ({ page }, testInfo) => {
  await openMap(page);
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('heading', { name: "Nong'an One Map" })).toBeVisible();
  await expect(page.locator('#layer-panel')).toContainText('Supervision grids');
  await expect(page.locator('#legend')).toContainText('Not fully staffed');
  await expect(page.getByRole('button', { name: 'Zoom in' })).toBeVisible();
  await page.reload();
  await page.evaluate(() => window.__nongan?.ready);
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  // An inspector in English too: a village with its roster.
  for (const toggle of ['subjects', 'bases', 'samples', 'soil', 'patrols'] as const)
    await setLayer(page, toggle, false);
  const village = await someVillage(page);
  await centreOn(page, village.anchor, 11);
  await clickMapAt(page, village.anchor);
  await expect(page.getByTestId('grid-card')).toContainText('Village grid');
  await expect(page.getByTestId('grid-card')).toContainText('Grid management roster');
  await saveScreenshot(page, testInfo, 'english');
});

test('the heat map of failing samples draws on the deck.gl canvas', async ({ page, api }, testInfo) => {
  const failing = (await (await api.get('/api/samples?verdict=fail&limit=1')).json()) as {
    features: unknown[];
  };
  expect(failing.features.length, 'the demo county has failing samples').toBeGreaterThan(0);
  await openMap(page);
  await setLayer(page, 'heatmap', true);
  await expect
    .poll(() => page.evaluate(() => window.__nongan?.overlay()?.layerIds ?? []))
    .toContain('failing-samples-heatmap');
  await expect
    .poll(() => deckPaintedPixels(page), { message: 'coloured pixels on the deck.gl canvas' })
    .toBeGreaterThan(500);
  await expect(page.locator('#legend')).toContainText('不合格样品聚集程度');
  await saveScreenshot(page, testInfo, 'heatmap');
  await setLayer(page, 'heatmap', false);
  await expect.poll(() => deckPaintedPixels(page)).toBe(0);
});

test('an API error reaches the user in the interface language, with a way to retry', async ({
  page,
  consoleProblems,
}) => {
  // The browser logs every failed request; this test fails one on purpose.
  consoleProblems.allow(/status of 404/);
  await openMap(page);
  await page.getByTestId('language-switch').click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  for (const toggle of ['subjects', 'bases', 'samples', 'soil', 'patrols'] as const)
    await setLayer(page, toggle, false);
  // Any grid the inspector asks for is swapped for one that does not exist: the real server answers 404.
  await page.route('**/api/grids/*', (route) =>
    route.continue({ url: new URL('/api/grids/999999999', route.request().url()).href }),
  );
  const village = await someVillage(page);
  await centreOn(page, village.anchor, 11);
  await clickMapAt(page, village.anchor);
  const alert = page.locator('#inspector').getByRole('alert');
  await expect(alert).toContainText('The requested record does not exist');
  await expect(alert.getByRole('button', { name: 'Retry' })).toBeVisible();
});
