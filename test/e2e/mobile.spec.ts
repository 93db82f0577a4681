/**
 * The map client on a phone (390×844, touch): panels become sheets behind buttons, the inspector is a bottom
 * sheet, nothing overflows the screen and every control is at least 40 px for a fingertip.
 */
import type { GridFeature } from '../../server/contracts/api';
import { expect, test } from './support/fixtures';
import {
  centreOn,
  clickMapAt,
  expectRendered,
  openMap,
  selection,
  setLayer,
  someVillage,
} from './support/map';
import { saveScreenshot } from './support/screenshots';
import type { Page } from '@playwright/test';

/** Visible interactive elements smaller than 40 px in either direction (the WCAG 2.5.8 spirit, made stricter). */
async function smallTouchTargets(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const selector = 'button, a[href], input, select, [role="button"]';
    return [...document.querySelectorAll<HTMLElement>(selector)]
      .filter((element) => {
        const style = getComputedStyle(element);
        const rect = element.getBoundingClientRect();
        return style.visibility !== 'hidden' && style.display !== 'none' && rect.width > 0 && rect.height > 0;
      })
      .map((element) => {
        // A checkbox counts with its label row, which is what the finger hits.
        const target = element.closest('label') ?? element;
        const rect = target.getBoundingClientRect();
        return {
          text: (element.getAttribute('aria-label') ?? element.textContent ?? element.className)
            .trim()
            .slice(0, 40),
          width: rect.width,
          height: rect.height,
        };
      })
      .filter(({ width, height }) => width < 40 || height < 40)
      .map(({ text, width, height }) => `${text} (${Math.round(width)}×${Math.round(height)})`);
  });
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
}

test('on a phone the map fills the screen and the layer panel opens as a sheet', async ({
  page,
}, testInfo) => {
  await openMap(page);
  await expectRendered(page, 'village');
  await expect(page.locator('#layer-panel')).toBeHidden();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await smallTouchTargets(page)).toEqual([]);
  await saveScreenshot(page, testInfo, 'map');

  await page.getByRole('button', { name: '图层' }).tap();
  await expect(page.locator('#layer-panel')).toBeVisible();
  expect(await smallTouchTargets(page)).toEqual([]);
  await saveScreenshot(page, testInfo, 'layers-sheet');
  await page.locator('#layer-panel').getByRole('button', { name: '关闭图层面板' }).tap();
  await expect(page.locator('#layer-panel')).toBeHidden();

  await page.getByRole('button', { name: '图例' }).tap();
  await expect(page.locator('#legend')).toBeVisible();
  await expect(page.locator('#legend')).toContainText('未配齐人员');
  await saveScreenshot(page, testInfo, 'legend-sheet');
});

test('tapping a village on a phone opens its roster in a bottom sheet', async ({ page, api }, testInfo) => {
  await openMap(page);
  await page.getByRole('button', { name: '图层' }).tap();
  for (const toggle of ['subjects', 'bases', 'samples', 'soil', 'patrols'] as const)
    await setLayer(page, toggle, false);
  await page.locator('#layer-panel').getByRole('button', { name: '关闭图层面板' }).tap();
  const village = await someVillage(page);
  await centreOn(page, village.anchor, 11);
  await clickMapAt(page, village.anchor, true);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'grid', id: village.id });

  const grid = (await (await api.get(`/api/grids/${village.id}`)).json()) as GridFeature;
  const sheet = page.locator('#inspector');
  await expect(sheet.getByRole('heading', { name: grid.properties.name })).toBeVisible();
  const person = grid.properties.roster[0];
  expect(person, 'a staffed village has people on its roster').toBeDefined();
  await expect(sheet).toContainText(person?.name ?? '');
  // The sheet sits at the bottom and leaves part of the map visible above it.
  const box = await sheet.boundingBox();
  expect(box && box.y).toBeGreaterThan(844 * 0.3);
  expect(box && Math.round(box.y + box.height)).toBe(844);
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  expect(await smallTouchTargets(page)).toEqual([]);
  await saveScreenshot(page, testInfo, 'inspector-roster');
});

test('the English interface fits a phone screen', async ({ page }, testInfo) => {
  await openMap(page);
  await page.getByTestId('language-switch').tap();
  await expect(page.locator('html')).toHaveAttribute('lang', 'en');
  await expect(page.getByRole('button', { name: 'Layers' })).toBeVisible();
  expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0);
  const header = await page.locator('.app-header').boundingBox();
  const language = await page.getByTestId('language-switch').boundingBox();
  expect(language && header && language.x + language.width).toBeLessThanOrEqual(
    (header?.x ?? 0) + (header?.width ?? 0),
  );
  await page.getByRole('button', { name: 'Layers' }).tap();
  await expect(page.locator('#layer-panel')).toContainText('Heat map of failing samples');
  expect(await smallTouchTargets(page)).toEqual([]);
  await saveScreenshot(page, testInfo, 'english');
});
