/**
 * The trend of a state indicator (staffing) on the dashboard: this year against the roster at the end of last year,
 * rebuilt from the audit log (the demo's backdated history, docs/demo-county.md), and "history starts …" for a year
 * whose previous period ends before the demo's history begins. Screenshots go to test-results/screenshots/.
 */
import type { IndicatorsResponse } from '../../server/contracts/indicators';
import { expect, test } from './support/fixtures';
import { openMap } from './support/map';
import { saveScreenshot } from './support/screenshots';

const pct = (v: number) => `${(v * 100).toFixed(1)} %`;

test('an official sees how staffing changed since the end of last year, and where the history starts', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page, '/#/dashboard');
  await expect(page.getByTestId('dashboard')).toBeVisible();
  const year = new Date().getFullYear();
  await page.getByTestId('year').selectOption(String(year));
  await page.getByTestId('indicator').selectOption('staffing');

  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const answer = (await (
    await api.get(
      `/api/indicators?level=township&parentId=${config.county.id}&from=${year}-01-01&to=${year}-12-31`,
    )
  ).json()) as IndicatorsResponse;
  // A township whose staffing changed since the end of last year (the demo appointed coordinators this year).
  const changed = answer.units.find((u) => u.values.staffing.trend === 'up')!;
  expect(changed, 'a township with a staffing trend').toBeDefined();
  await page.locator(`[data-testid="ranking-row"][data-grid="${changed.grid.id}"]`).click();
  const card = page.getByTestId('grid-card');
  await expect(card).toContainText(changed.grid.name);
  await expect(card).toContainText(`${pct(changed.values.staffing.previous!)} · 上升`);
  await saveScreenshot(page, testInfo, 'dashboard-history-1-trend');

  // 2024 against 2023: the previous period ends before the demo's history begins (2024-01-02).
  await page.getByTestId('year').selectOption('2024');
  await expect(card).toContainText('历史记录始于 2024-01-02');
  await saveScreenshot(page, testInfo, 'dashboard-history-2-no-history');

  // 2024 has ended: its staffing is the roster at the end of 2024 (before this year's appointments), and the records
  // behind it are listed as they were then, adding up to the number.
  const past = (await (
    await api.get(`/api/indicators?level=township&parentId=${config.county.id}&from=2024-01-01&to=2024-12-31`)
  ).json()) as IndicatorsResponse;
  expect(past.stateAsOf).toBe('2024-12-31');
  const then = past.units.find((u) => u.grid.id === changed.grid.id)!.values.staffing;
  expect(then.value!).toBeLessThan(changed.values.staffing.value!);
  await expect(card.locator('.dashboard__big')).toContainText(pct(then.value!));
  await card.getByTestId('open-records').click();
  const records = page.getByTestId('records');
  await expect(records.getByTestId('records-as-of')).toContainText('以下为 2024-12-31 日终的状态');
  await expect(records.locator('h3')).toContainText(`${then.denominator} 条`);
  await records.getByLabel('只看未达标的记录').check();
  await expect(records.getByTestId('record')).toHaveCount(then.denominator - then.numerator);
  await saveScreenshot(page, testInfo, 'dashboard-history-3-past-records');
});
