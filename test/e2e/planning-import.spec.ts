/**
 * Importing village grids into a township from a GeoJSON file, and the roster workbook, as a planner does it in the
 * planning panel: a file leaving a gap is previewed and its problem listed (nothing written); the corrected file
 * (one village renamed, matched by its code) is previewed, committed, and the township's roster downloaded as the
 * plan's Excel table. Then the same dialog on a phone. Screenshots go to test-results/screenshots/.
 */
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { GridSummary } from '../../server/contracts/api';
import type { ChildrenResponse } from '../../server/contracts/grids';
import { expect, test } from './support/fixtures';
import { openMap, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

interface Collection {
  type: 'FeatureCollection';
  features: { type: 'Feature'; geometry: unknown; properties: { code: string; name: string } }[];
}

/** The township with the fewest villages (at least three): a small file. */
async function smallTownship(api: Api): Promise<{ township: GridSummary; villages: Collection }> {
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const townships = (await (
    await api.get(`/api/grids?level=township&parentId=${config.county.id}`)
  ).json()) as GridSummary[];
  let best: { township: GridSummary; villages: Collection } | null = null;
  for (const township of townships) {
    const villages = (await (
      await api.get(`/api/grids/export.geojson?parentId=${township.id}`)
    ).json()) as Collection;
    if (villages.features.length >= 3 && (!best || villages.features.length < best.villages.features.length))
      best = { township, villages };
  }
  if (!best) throw new Error('no township with three villages');
  return best;
}

const file = (name: string, collection: Collection) => ({
  name,
  mimeType: 'application/geo+json',
  buffer: Buffer.from(JSON.stringify(collection)),
});

test('a planner imports village grids from GeoJSON, sees the report, commits, and exports the roster', async ({
  page,
  api,
}, testInfo) => {
  const { township, villages } = await smallTownship(api);
  const renamed = `${villages.features[0]?.properties.name ?? ''}（新）`;
  // The exported villages, as a planner would get them back from a GIS: only name and code kept.
  const clean = (list: Collection['features']): Collection => ({
    type: 'FeatureCollection',
    features: list.map((f) => ({ ...f, properties: { code: f.properties.code, name: f.properties.name } })),
  });
  const withGap = clean(villages.features.slice(1));
  const corrected = clean(villages.features);
  (corrected.features[0] as Collection['features'][number]).properties.name = renamed;

  await openMap(page, '/#/planning');
  await page.getByTestId('planning-parent').selectOption(String(township.id));
  await expect(page.getByTestId('grid-list').locator('li')).toHaveCount(villages.features.length);
  await page.getByTestId('import-open').click();
  await expect(page.getByTestId('import-dialog')).toBeVisible();

  // 1. A file missing a village: the preview lists the gap it would leave; nothing is written.
  await page.getByTestId('import-file').setInputFiles(file('村界-缺一村.geojson', withGap));
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-report')).toContainText('处问题，未导入');
  await expect(page.getByTestId('import-report')).toContainText('不属于任何网格');
  await expect(page.getByTestId('import-commit')).toBeDisabled();
  await page.getByTestId('import-dialog').scrollIntoViewIfNeeded();
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'import-1-gap-reported');

  // 2. The corrected file: all checks pass, the preview shows the coverage; commit.
  await page.getByTestId('import-file').setInputFiles(file('村界.geojson', corrected));
  await page.getByTestId('import-preview').click();
  await expect(page.getByTestId('import-report')).toContainText('检查通过');
  await expect(page.getByTestId('import-report')).toContainText('100%');
  await expect(page.getByTestId('import-name-field')).toHaveValue('name');
  await expect(page.getByTestId('import-code-field')).toHaveValue('code');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'import-2-preview-ok');
  await page.getByTestId('import-commit').click();
  await expect(page.getByTestId('import-done')).toContainText(`已导入 ${villages.features.length} 个网格`);
  await expect(page.getByTestId('grid-list')).toContainText(renamed);
  await expect(page.getByTestId('grid-list').locator('li')).toHaveCount(villages.features.length);
  await expect(page.getByTestId('coverage')).toContainText('100%');
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'import-3-committed');

  // 3. The roster of the township and its villages as the plan's table, with the renamed village.
  const download = page.waitForEvent('download');
  await page.getByTestId('roster-download').click();
  const saved = path.resolve('test-results', 'screenshots', 'roster-download.xlsx');
  await (await download).saveAs(saved);
  const book = new ExcelJS.Workbook();
  await book.xlsx.readFile(saved);
  const sheet = book.worksheets[0] as ExcelJS.Worksheet;
  expect(sheet.getCell('A1').text).toBe('农产品质量安全网格化管理人员名单');
  expect([1, 2, 3, 4, 5, 6].map((c) => sheet.getRow(3).getCell(c).text)).toEqual([
    '序号',
    '网格',
    '岗位',
    '姓名',
    '职务',
    '联系电话',
  ]);
  const gridColumn: string[] = [];
  sheet.eachRow((row) => gridColumn.push(row.getCell(2).text));
  expect(gridColumn).toContain(township.name);
  expect(gridColumn).toContain(renamed);
  const children = (await (await api.get(`/api/grids/${township.id}/children`)).json()) as ChildrenResponse;
  expect(children.features.map((f) => f.properties.name)).toContain(renamed);
});

test.describe('on a phone', () => {
  test.use({ viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });

  test('the import dialog and the roster buttons fit the screen', async ({ page, api }, testInfo) => {
    const { township, villages } = await smallTownship(api);
    await openMap(page);
    await page.getByTestId('workspace-menu').selectOption('planning');
    await page.getByTestId('planning-parent').selectOption(String(township.id));
    await expect(page.getByTestId('grid-list').locator('li')).toHaveCount(villages.features.length);
    await page.getByTestId('import-open').scrollIntoViewIfNeeded();
    await page.getByTestId('import-open').click();
    await page
      .getByTestId('import-file')
      .setInputFiles(file('村界.geojson', { type: 'FeatureCollection', features: villages.features }));
    await page.getByTestId('import-preview').click();
    await expect(page.getByTestId('import-report')).toContainText('检查通过');
    const box = await page.getByTestId('import-dialog').boundingBox();
    expect((box?.x ?? 0) + (box?.width ?? 0)).toBeLessThanOrEqual(390);
    await page.getByTestId('import-dialog').scrollIntoViewIfNeeded();
    await waitForIdle(page);
    await saveScreenshot(page, testInfo, 'import-phone-preview');
    await page.getByTestId('roster-exchange').scrollIntoViewIfNeeded();
    await saveScreenshot(page, testInfo, 'import-phone-roster');
  });
});
