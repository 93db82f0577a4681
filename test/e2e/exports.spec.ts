/**
 * Layer downloads and the way from the map to the registry (issue 7), desktop 1280×800 and phone 390×844:
 * download the production subjects as a GeoPackage from the layer panel and open it with GDAL (ogrinfo); download
 * the registry's current filter as a zipped Shapefile; open a subject clicked on the map in the registry.
 * Reads only, so it needs no other project before it.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { expect, test } from './support/fixtures';
import {
  centreOn,
  clickMapAt,
  expectRendered,
  openMap,
  selection,
  setLayer,
  someSubject,
} from './support/map';
import { saveScreenshot } from './support/screenshots';

const run = promisify(execFile);

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

async function matched(api: Api, query: string): Promise<number> {
  const res = await api.get(`/ogc/collections/subjects/items?limit=1${query}`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as { numberMatched: number }).numberMatched;
}

async function ogrinfo(file: string): Promise<string> {
  const source = file.endsWith('.zip') ? `/vsizip/${file}` : file;
  return (await run('ogrinfo', ['-ro', '-al', '-so', source], { timeout: 60_000 })).stdout;
}

test.use({ viewport: { width: 1280, height: 800 } });

test('download the production subjects as a GeoPackage from the layer panel', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page);
  const row = page.locator('.layer-row').filter({ has: page.locator('[data-toggle="subjects"]') });
  const button = row.getByRole('button', { name: '下载「生产主体」' });
  await button.click();
  await expect(button).toHaveAttribute('aria-expanded', 'true');
  const links = row.locator('[data-downloads="subjects"]');
  await expect(links.getByRole('link')).toHaveText(['GeoJSON', 'Shapefile', 'GeoPackage']);
  await expect(links).toContainText('管辖范围内的全部记录');
  await saveScreenshot(page, testInfo, 'layer-downloads');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    links.locator('a[data-format="gpkg"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('subjects.gpkg');
  const file = testInfo.outputPath('subjects.gpkg');
  await download.saveAs(file);
  const info = await ogrinfo(file);
  expect(info).toContain('Layer name: subjects');
  expect(info).toContain('Geometry: Point');
  expect(info).toContain(`Feature Count: ${await matched(api, '')}`);

  // The same menu on a phone, in the layer sheet.
  await page.setViewportSize({ width: 390, height: 844 });
  await page.getByRole('button', { name: '图层', exact: true }).click();
  const grids = page.locator('.layer-row').filter({ has: page.locator('[data-toggle="village"]') });
  await grids.getByRole('button', { name: '下载「村级网格」' }).click();
  await expect(grids.locator('[data-downloads="grids-village"] a')).toHaveCount(3);
  await saveScreenshot(page, testInfo, 'layer-downloads-phone');
});

test('download the registry’s current filter as a zipped Shapefile', async ({ page, api }, testInfo) => {
  await openMap(page, '/#/registry');
  await expect(page.getByTestId('registry-list').locator('li').first()).toBeVisible();
  await page.getByTestId('registry-filters').click();
  await page.locator('select[data-filter="type"]').selectOption('cooperative');
  await page.getByTestId('registry-export-gis').click();
  const links = page.locator('#registry-gis-export');
  await expect(links.locator('a[data-format="shp"]')).toHaveAttribute('href', /type=cooperative/);
  await expect(links).not.toContainText('不适用');
  // A search text cannot be applied to the GIS export: the menu says so.
  await page.getByTestId('registry-search').fill('合作社');
  await expect(links).toContainText('以下筛选不适用于 GIS 导出：搜索词');
  await saveScreenshot(page, testInfo, 'registry-gis-export');
  await page.getByTestId('registry-search').fill('');

  const [download] = await Promise.all([
    page.waitForEvent('download'),
    links.locator('a[data-format="shp"]').click(),
  ]);
  expect(download.suggestedFilename()).toBe('subjects.zip');
  const file = testInfo.outputPath('cooperatives.zip');
  await download.saveAs(file);
  const info = await ogrinfo(file);
  expect(info).toContain('Layer name: subjects');
  expect(info).toContain(`Feature Count: ${await matched(api, '&type=cooperative')}`);
});

test('open a subject clicked on the map in the registry', async ({ page }, testInfo) => {
  await openMap(page);
  for (const toggle of ['samples', 'soil', 'patrols'] as const) await setLayer(page, toggle, false);
  await expectRendered(page, 'subjects');
  const first = await someSubject(page);
  await centreOn(page, first.position, 14);
  const subject = await someSubject(page);
  await clickMapAt(page, subject.position);
  await expect.poll(() => selection(page)).toMatchObject({ kind: 'subject', id: subject.id });
  const open = page.getByTestId('open-in-registry');
  await expect(open).toHaveText('在生产主体名录中打开');
  await saveScreenshot(page, testInfo, 'inspector-open-in-registry');
  await open.click();
  const card = page.getByTestId('registry-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-subject-id', String(subject.id));
  await expect(page).toHaveURL(new RegExp(`#/registry/subject/${subject.id}$`));
  await saveScreenshot(page, testInfo, 'registry-from-map');
  // A reload of the card's address opens the card again; back to the list, the address follows.
  await page.reload();
  await expect(page.getByTestId('registry-card')).toHaveAttribute('data-subject-id', String(subject.id));
  await page.getByTestId('card-back').click();
  await expect(page.getByTestId('registry-list')).toBeVisible();
  await expect(page).toHaveURL(/#\/registry$/);
});
