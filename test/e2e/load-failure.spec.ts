/**
 * A workspace whose code cannot be fetched (the network dropped on a phone, or the app was updated and the old file
 * is gone) shows a message with a reload button inside the workspace panel; the header and the map stay, and the
 * other workspaces still open. Reloading with the network back opens the workspace.
 */
import { expect, test } from './support/fixtures';
import { openMap } from './support/map';
import { saveScreenshot } from './support/screenshots';

test.use({ viewport: { width: 1280, height: 800 } });

test('a workspace that fails to load says so and offers a reload; the rest of the app stays usable', async ({
  page,
  consoleProblems,
}, testInfo) => {
  // The aborted request and React's report of the error it caught.
  consoleProblems.allow(
    /ERR_INTERNET_DISCONNECTED|dynamically imported module|registry-workspace|error occurred in/i,
  );
  await page.route(/\/assets\/registry-workspace-[^/]*\.js$/, (route) => route.abort('internetdisconnected'));
  await openMap(page, '/#/registry');

  const panel = page.getByTestId('workspace-registry');
  const alert = panel.getByRole('alert');
  await expect(alert).toContainText('此工作区未能加载');
  await expect(alert).toContainText('重新加载页面即可');
  await expect(page.getByTestId('registry')).toHaveCount(0);
  // The rest of the app is still there and works: the header, the map, another workspace.
  await expect(page.getByRole('banner')).toBeVisible();
  await expect(page.locator('.maplibregl-canvas')).toBeVisible();
  await saveScreenshot(page, testInfo, 'load-failure-1-message');
  // On a phone the message sits in the panel below the map, its reload button within reach.
  await page.setViewportSize({ width: 390, height: 844 });
  await alert.scrollIntoViewIfNeeded();
  await expect(alert.getByRole('button', { name: '重新加载页面' })).toBeInViewport();
  await saveScreenshot(page, testInfo, 'load-failure-1-phone');
  await page.setViewportSize({ width: 1280, height: 800 });
  await page.goto('/#/dashboard');
  await expect(page.getByTestId('workspace-dashboard')).toBeVisible();
  await expect(page.getByTestId('workspace-dashboard').getByRole('alert')).toHaveCount(0);

  // With the network back, the reload button opens the workspace.
  await page.goto('/#/registry');
  await expect(alert).toBeVisible();
  await page.unroute(/\/assets\/registry-workspace-[^/]*\.js$/);
  await alert.getByRole('button', { name: '重新加载页面' }).click();
  await expect(page.getByTestId('registry')).toBeVisible({ timeout: 30_000 });
  await saveScreenshot(page, testInfo, 'load-failure-2-reloaded');
});
