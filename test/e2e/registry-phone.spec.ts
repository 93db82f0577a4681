/** The registry on a phone (390×844): the list and a subject's card are usable under the map. */
import { expect, test } from './support/fixtures';
import { openMap } from './support/map';
import { saveScreenshot } from './support/screenshots';

test('the registry list and card on a phone', async ({ page }, testInfo) => {
  await openMap(page);
  await page.getByTestId('workspace-menu').selectOption('registry');
  await expect(page.getByTestId('registry')).toBeVisible();
  const rows = page.getByTestId('registry-list').locator('button.registry__row');
  await expect(rows.first()).toBeVisible();
  await saveScreenshot(page, testInfo, 'registry-phone-list');

  const box = await rows.first().boundingBox();
  expect(box?.width ?? 0).toBeGreaterThan(300);
  await rows.first().click();
  const card = page.getByTestId('registry-card');
  await expect(card).toBeVisible();
  await expect(card.getByTestId('card-edit')).toBeVisible();
  await saveScreenshot(page, testInfo, 'registry-phone-card');
  await card.getByTestId('card-back').click();
  await expect(rows.first()).toBeVisible();
});
