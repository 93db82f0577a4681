/**
 * The registry workspace as a township supervisor uses it (desktop 1280×800): filter the registry, open a subject's
 * card (the map frames it), edit its phone with a bad value and read the error at the field, fix it and save;
 * import a small CSV with one bad row (the row report says where, nothing is written), fix the file and commit;
 * export the list view to Excel. Screenshots of each step go to test-results/screenshots/.
 */
import type { Page } from '@playwright/test';
import type { SubjectFeature } from '../../server/contracts/api';
import type { SubjectList } from '../../server/contracts/registry';
import { expect, test } from './support/fixtures';
import { centreOn, openMap, pagePointOf } from './support/map';
import { saveScreenshot } from './support/screenshots';

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

async function listTotal(api: Api, query: string): Promise<number> {
  const res = await api.get(`/api/registry/subjects?${query}&limit=1`);
  expect(res.ok()).toBe(true);
  return ((await res.json()) as SubjectList).total;
}

async function openRegistry(page: Page): Promise<void> {
  await openMap(page, '/#/registry');
  await expect(page.getByTestId('registry')).toBeVisible();
  await expect(page.getByTestId('registry-list').locator('li').first()).toBeVisible();
}

/** A located subject's position: rows imported there fall inside a village grid of the county. */
async function villagePoint(api: Api): Promise<[number, number]> {
  const list = (await (await api.get('/api/registry/subjects?location=with&limit=1')).json()) as SubjectList;
  const id = list.items[0]?.id;
  expect(id, 'a located subject in the demo county').toBeDefined();
  const feature = (await (await api.get(`/api/subjects/${id}`)).json()) as SubjectFeature;
  return feature.geometry?.coordinates as [number, number];
}

test.use({ viewport: { width: 1280, height: 800 } });

test('filter the registry, open a card, fix a bad phone and save, downgrade to credit class C', async ({
  page,
  api,
  consoleProblems,
}, testInfo) => {
  consoleProblems.allow(/status of 400 .*\/api\/subjects\/\d+/);
  await openRegistry(page);
  await saveScreenshot(page, testInfo, 'registry-1-list');

  // Filter: co-operatives only; the count is the server's.
  const cooperatives = await listTotal(api, 'type=cooperative');
  await page.getByTestId('registry-filters').click();
  await page.locator('select[data-filter="type"]').selectOption('cooperative');
  await expect(page.getByTestId('registry-total')).toHaveText(`共 ${cooperatives} 个主体`);
  const rows = page.getByTestId('registry-list').locator('button.registry__row');
  await expect(rows.first()).toContainText('农民专业合作社');
  await saveScreenshot(page, testInfo, 'registry-2-filtered');

  // Open the first one: card, and the map frames its point.
  const id = Number(await rows.first().getAttribute('data-subject-id'));
  await rows.first().click();
  const card = page.getByTestId('registry-card');
  await expect(card).toBeVisible();
  await expect(card).toHaveAttribute('data-subject-id', String(id));
  await expect(card.getByTestId('board-link')).toHaveAttribute('href', /^\/board\/[0-9a-f-]{36}$/);
  await expect(card.getByTestId('board-print')).toHaveAttribute('href', /\/board\/[0-9a-f-]{36}\?print=1$/);
  const located = await page.evaluate(() => Boolean(window.__nongan?.map.getSource('registry-point')));
  const subject = (await (await api.get(`/api/subjects/${id}`)).json()) as SubjectFeature;
  expect(located).toBe(subject.geometry !== null);
  await saveScreenshot(page, testInfo, 'registry-3-card');

  // Edit the phone with a bad value: the server's message appears at the field, nothing saved.
  await card.getByTestId('card-edit').click();
  const form = page.getByTestId('subject-form');
  await form.locator('input[name="phone"]').fill('12345');
  await form.getByTestId('form-save').click();
  await expect(form.locator('[data-error-for="phone"]')).toContainText('电话号码格式不正确');
  await saveScreenshot(page, testInfo, 'registry-4-bad-phone');
  const unchanged = (await (await api.get(`/api/subjects/${id}`)).json()) as SubjectFeature;
  expect(unchanged.properties.phone).toBe(subject.properties.phone);

  // Fix it and save: the card shows the new phone, and the server has it.
  const phone = `139${String(Date.now()).slice(-8)}`;
  await form.locator('input[name="phone"]').fill(phone);
  await form.getByTestId('form-save').click();
  await expect(page.getByTestId('card-status')).toHaveText('已保存。');
  await expect(page.getByTestId('card-phone')).toContainText(phone);
  const saved = (await (await api.get(`/api/subjects/${id}`)).json()) as SubjectFeature;
  expect(saved.properties.phone).toBe(phone);
  expect(saved.properties.version).toBe(subject.properties.version + 1);
  await saveScreenshot(page, testInfo, 'registry-5-saved');

  // Credit class C: the reason is required (at its field), then the rule puts the subject on the key list.
  await page.getByTestId('card-edit').click();
  await form.locator('select[data-field="creditClass"]').selectOption('C');
  await expect(form.getByTestId('decision-reason')).toBeVisible();
  await form.getByTestId('form-save').click();
  await expect(form.locator('[data-error-for="reason"]')).toContainText('须填写原因');
  await form.locator('input[name="reason"]').fill('年度信用评价降为 C 级（e2e）');
  await form.getByTestId('form-save').click();
  await expect(page.getByTestId('card-status')).toHaveText('已保存。');
  await expect(page.getByTestId('key-list-reasons')).not.toContainText('人工列入');
  await expect(page.getByTestId('events')).toContainText('年度信用评价降为 C 级（e2e）');
  const rated = (await (await api.get(`/api/subjects/${id}`)).json()) as SubjectFeature;
  expect(rated.properties).toMatchObject({ creditClass: 'C', keyList: true });
  expect(rated.properties.keyListReasons.length).toBeGreaterThan(0);
  await saveScreenshot(page, testInfo, 'registry-5b-credit-c');
});

test('import a CSV with a bad row, read the report, fix it and commit; export Excel', async ({
  page,
  api,
}, testInfo) => {
  const [lon, lat] = await villagePoint(api);
  const stamp = Date.now().toString(36).toUpperCase();
  const codes = [`E2E-${stamp}-1`, `E2E-${stamp}-2`, `E2E-${stamp}-3`];
  const csv = (badPhone: boolean) =>
    [
      '主体编码,主体名称,主体类型,联系电话,地址,经度,纬度',
      `${codes[0]},导入测试家庭农场${stamp}甲,家庭农场,13800001111,测试村1组,${lon + 0.0005},${lat}`,
      `${codes[1]},导入测试合作社${stamp}乙,农民专业合作社,${badPhone ? '12345' : '13800002222'},测试村2组,${lon},${lat + 0.0005}`,
      `${codes[2]},导入测试大户${stamp}丙,种养大户,,测试村3组,,`,
    ].join('\n');

  await openRegistry(page);
  await page.getByTestId('registry-import').click();
  const wizard = page.getByTestId('import-wizard');
  await expect(wizard).toHaveAttribute('data-target', 'subjects');

  // A file with one bad row (the phone in spreadsheet row 3): the report names row and column; nothing written.
  await wizard.getByTestId('import-file').setInputFiles({
    name: '名录-有错误.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv(true), 'utf8'),
  });
  const problems = wizard.getByTestId('import-problems');
  await expect(problems).toBeVisible();
  const bad = problems.locator('tbody tr');
  await expect(bad).toHaveCount(1);
  await expect(bad.first()).toHaveAttribute('data-row', '3');
  await expect(bad.first()).toContainText('联系电话');
  await expect(bad.first()).toContainText('电话号码格式不正确');
  await expect(wizard.getByTestId('import-commit')).toBeDisabled();
  await expect(wizard.locator('select[data-field="phone"]')).toHaveValue('联系电话');
  await problems.scrollIntoViewIfNeeded();
  await saveScreenshot(page, testInfo, 'registry-6-import-report');
  expect(await listTotal(api, `q=${encodeURIComponent(`E2E-${stamp}`)}`)).toBe(0);

  // The corrected file: no problems, two points previewed on the map; commit writes all three rows.
  await wizard.getByTestId('import-restart').click();
  await wizard.getByTestId('import-file').setInputFiles({
    name: '名录.csv',
    mimeType: 'text/csv',
    buffer: Buffer.from(csv(false), 'utf8'),
  });
  await expect(wizard.getByTestId('import-summary')).toContainText('共 3 行，3 行无误，0 个问题');
  const previewed = await page.evaluate(
    () => window.__nongan?.map.querySourceFeatures('import-preview').length ?? 0,
  );
  expect(previewed).toBeGreaterThanOrEqual(1);
  await saveScreenshot(page, testInfo, 'registry-7-import-preview');
  await wizard.getByTestId('import-commit').click();
  await expect(wizard.getByTestId('import-result')).toContainText('新增 3 条');
  expect(await listTotal(api, `q=${encodeURIComponent(`E2E-${stamp}`)}`)).toBe(3);
  expect(await listTotal(api, `q=${encodeURIComponent(`E2E-${stamp}`)}&location=without`)).toBe(1);
  await saveScreenshot(page, testInfo, 'registry-8-imported');

  // Back to the list: the subject without a location is listed as such.
  await wizard.getByTestId('import-close').click();
  await page.getByTestId('registry-search').fill(`E2E-${stamp}`);
  await expect(page.getByTestId('registry-total')).toHaveText('共 3 个主体');
  await expect(page.getByTestId('registry-list')).toContainText('无位置');

  // Place the subject without a location by clicking the map: it gets the location and its village.
  await page.getByTestId('registry-list').locator('button.registry__row', { hasText: '无位置' }).click();
  const card = page.getByTestId('registry-card');
  await expect(card).toBeVisible();
  const unlocatedId = Number(await card.getAttribute('data-subject-id'));
  await card.getByTestId('card-place').click();
  const target: [number, number] = [lon - 0.0005, lat - 0.0003];
  await centreOn(page, target, 15);
  const at = await pagePointOf(page, target);
  await page.mouse.click(at.x, at.y);
  await expect(card.getByTestId('card-status')).toHaveText('位置已保存。');
  const subjectNow = async () =>
    (await (await api.get(`/api/subjects/${unlocatedId}`)).json()) as SubjectFeature;
  // Polled: a request on an idle keep-alive socket may be reset once by the server.
  await expect.poll(async () => (await subjectNow()).geometry !== null).toBe(true);
  const placed = await subjectNow();
  const [plon, plat] = placed.geometry?.coordinates as [number, number];
  expect(Math.abs(plon - target[0])).toBeLessThan(0.0002);
  expect(Math.abs(plat - target[1])).toBeLessThan(0.0002);
  expect(placed.properties.village).not.toBeNull();
  await saveScreenshot(page, testInfo, 'registry-9-placed');
  await card.getByTestId('card-back').click();

  // Export the current list view to Excel.
  const download = page.waitForEvent('download');
  await page.getByTestId('registry-export').click();
  const file = await download;
  expect(file.suggestedFilename()).toMatch(/\.xlsx$/);
  const bytes = await file.path().then((p) => (p ? import('node:fs').then((fs) => fs.statSync(p).size) : 0));
  expect(bytes).toBeGreaterThan(1000);
  await saveScreenshot(page, testInfo, 'registry-10-exported');
});
