/** Grid planning on a phone (390×844): the workspace menu opens it, the planner reviews coverage and the list. */
import type { ChildrenResponse } from '../../server/contracts/grids';
import type { GridSummary } from '../../server/contracts/api';
import { expect, test } from './support/fixtures';
import { openMap, waitForIdle } from './support/map';
import { saveScreenshot } from './support/screenshots';

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

async function firstTownship(api: Api): Promise<GridSummary> {
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const townships = (await (
    await api.get(`/api/grids?level=township&parentId=${config.county.id}`)
  ).json()) as GridSummary[];
  return townships[0] as GridSummary;
}

test('on a phone the planner switches to grid planning from the menu and reviews coverage', async ({
  page,
  api,
}, testInfo) => {
  await openMap(page);
  await page.getByTestId('workspace-menu').selectOption('planning');
  await expect(page.getByTestId('planning')).toBeVisible();
  const township = await firstTownship(api);
  const children = (await (await api.get(`/api/grids/${township.id}/children`)).json()) as ChildrenResponse;
  await page.getByTestId('planning-parent').selectOption(String(township.id));
  await expect(page.getByTestId('coverage')).toContainText('%');
  await expect(page.getByTestId('grid-list').locator('li')).toHaveCount(children.features.length);
  await waitForIdle(page);
  await saveScreenshot(page, testInfo, 'planning-phone');
});
