/**
 * The patrol record on a phone (390×844), offline (issue 6, item 5): an inspector opens today's list, loses the
 * connection, records a patrol with a problem and a rectification deadline, gets the connection back and sees the
 * record synced — once: the server holds exactly one rectification for it, also after a reload.
 */
import type { GridSummary } from '../../server/contracts/api';
import type { RectificationList, TodayPlan, TodaySubject } from '../../server/contracts/patrol-records';
import { expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

type Api = Parameters<Parameters<typeof test>[2]>[0]['api'];

async function firstTownship(api: Api): Promise<GridSummary> {
  const config = (await (await api.get('/api/config')).json()) as { county: { id: number } };
  const townships = (await (
    await api.get(`/api/grids?level=township&parentId=${config.county.id}`)
  ).json()) as GridSummary[];
  return townships[0] as GridSummary;
}

const inDays = (days: number) =>
  new Date(Date.now() + 8 * 3600 * 1000 + days * 24 * 3600 * 1000).toISOString().slice(0, 10);

test('an inspector records a patrol offline and it syncs exactly once when the phone is back online', async ({
  page,
  context,
  api,
  consoleProblems,
}, testInfo) => {
  // Requests made while offline fail in the console by design.
  consoleProblems.allow(/ERR_INTERNET_DISCONNECTED|Failed to fetch|net::ERR_|Failed to load resource/);
  const township = await firstTownship(api);
  const plan = (await (await api.get(`/api/patrols/today?gridId=${township.id}`)).json()) as TodayPlan;
  const target = plan.subjects.find((s) => s.position !== null) as TodaySubject;
  expect(target, 'a due subject with a location in the first township').toBeTruthy();
  const [lon, lat] = target.position as [number, number];
  await context.grantPermissions(['geolocation']);
  await context.setGeolocation({ longitude: lon, latitude: lat, accuracy: 12 });

  await page.goto('/#/patrol-record');
  await expect(page.getByTestId('patrol-record')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('patrol-grid')).toHaveValue(String(township.id));
  // Located at the subject: it comes first in the list, at 0 m.
  await expect(page.getByTestId('patrol-subject').first()).toContainText(target.name);
  await saveScreenshot(page, testInfo, 'patrol-today');

  await context.setOffline(true);
  await expect(page.getByTestId('patrol-network')).toHaveText('离线');
  await page.getByTestId('patrol-subject').first().click();
  await expect(page.getByTestId('patrol-form')).toBeVisible();
  await expect(page.getByTestId('patrol-gps')).toContainText('已定位');
  const checks = [
    'production_records',
    'input_purchase',
    'drug_use',
    'additives',
    'waste_disposal',
    'certificates',
    'other',
  ];
  for (const check of checks) {
    const row = page.getByTestId(`check-${check}`);
    const label = check === 'production_records' ? '有问题' : check === 'other' ? '不适用' : '正常';
    await row.getByRole('button', { name: label }).click();
  }
  await page.getByTestId('check-production_records').getByRole('textbox').fill('未建立农药使用记录');
  await page.getByTestId('outcome-rectify').click();
  const deadline = inDays(7);
  await page.getByTestId('patrol-deadline').fill(deadline);
  await saveScreenshot(page, testInfo, 'patrol-form');
  await page.getByTestId('patrol-save').click();

  const item = page.getByTestId('queue-item');
  await expect(item).toHaveCount(1);
  await expect(item).toHaveAttribute('data-state', 'pending');
  await expect(page.getByTestId('patrol-waiting')).toHaveText('待同步 1 条');
  await saveScreenshot(page, testInfo, 'patrol-queued-offline');

  const open = async () =>
    (
      (await // a fresh connection each time: an idle keep-alive socket may have been closed by the server meanwhile
      (
        await api.get(`/api/patrols/rectifications?gridId=${township.id}`, {
          headers: { Connection: 'close' },
        })
      ).json()) as RectificationList
    ).items.filter((i) => i.subject.id === target.id && i.deadline === deadline);
  expect(await open()).toHaveLength(0);

  await context.setOffline(false);
  await expect(page.getByTestId('patrol-network')).toHaveText('在线');
  await expect(item).toHaveAttribute('data-state', 'synced');
  await expect(page.getByTestId('patrol-waiting')).toHaveText('待同步 0 条');
  await saveScreenshot(page, testInfo, 'patrol-synced');
  expect(await open()).toHaveLength(1);

  // Reopening the app does not send it again.
  await page.reload();
  await expect(page.getByTestId('queue-item')).toHaveCount(1);
  await expect(page.getByTestId('queue-item')).toHaveAttribute('data-state', 'synced');
  expect(await open()).toHaveLength(1);
});
