/**
 * Login and accounts (issue 9), in fresh browser contexts without the fixture's admin session: the login page
 * comes first; a wrong password is refused with a message; the right one opens the map at the linked workspace;
 * an expired session returns to the login page keeping the URL hash; the administrator creates a township
 * supervisor, who must change the generated password at the first login and then sees only its township's grids,
 * without the administrators' workspaces and write tools. On a phone the login page fits and works.
 */
import type { Browser, BrowserContext, Page, TestInfo } from '@playwright/test';
import type { GridSummary } from '../../server/contracts/api';
import { E2E_ADMIN, expect, test } from './support/fixtures';
import { saveScreenshot } from './support/screenshots';

interface Fresh {
  context: BrowserContext;
  page: Page;
  /** Console errors of the page, except the 401s the test provokes on purpose. */
  problems: string[];
}

async function freshPage(browser: Browser, viewport = { width: 1280, height: 800 }): Promise<Fresh> {
  const context = await browser.newContext({
    baseURL: process.env.E2E_BASE_URL,
    locale: 'zh-CN',
    timezoneId: 'Asia/Shanghai',
    viewport,
  });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && !/status of 401/.test(message.text())) problems.push(message.text());
  });
  page.on('pageerror', (error) => problems.push(`uncaught: ${error.message}`));
  return { context, page, problems };
}

async function logInThroughPage(page: Page, username: string, password: string): Promise<void> {
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  await page.getByRole('button', { name: '登录', exact: true }).click();
}

async function logOut(page: Page): Promise<void> {
  await page.getByTestId('account-menu').click();
  await page.getByTestId('logout').click();
  await expect(page.getByTestId('login-page')).toBeVisible();
}

async function shot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await saveScreenshot(page, testInfo, name);
}

test('login page, wrong password, expiry, and a township supervisor’s first login', async ({
  browser,
  api,
}, testInfo) => {
  const { context, page, problems } = await freshPage(browser);

  // A fresh browser sees the login page, whatever the link; the link survives the login.
  await page.goto('/#/planning');
  const login = page.getByTestId('login-page');
  await expect(login).toBeVisible();
  await expect(login.getByRole('heading', { name: '农安一张图' })).toBeVisible();
  await expect(page.getByTestId('login-username')).toHaveAttribute('autocomplete', 'username');
  await expect(page.getByTestId('login-password')).toHaveAttribute('autocomplete', 'current-password');
  await shot(page, testInfo, 'auth-login');

  await logInThroughPage(page, E2E_ADMIN.username, 'not-the-password-1');
  await expect(login.getByRole('alert')).toContainText('用户名或密码不正确');
  await expect(page.getByTestId('login-password')).toHaveValue('');
  await shot(page, testInfo, 'auth-wrong-password');

  await logInThroughPage(page, E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByTestId('account-menu')).toContainText('系统管理员');
  await expect(page.getByTestId('planning')).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/planning');

  // The session ends (expired, or ended elsewhere): opening a link brings the login page back and the link is
  // followed after logging in. The link is opened as a new page load (from about:blank), as from a bookmark or a
  // message; a hash change inside the open page does not reload it, and what the open page does when its requests
  // start failing with 401 (the in-page expiry notice) is covered by test/unit/client/session-http.test.ts.
  await context.clearCookies();
  await page.goto('about:blank');
  await page.goto('/#/audit');
  await expect(login).toBeVisible();
  expect(new URL(page.url()).hash).toBe('#/audit');
  await logInThroughPage(page, E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByTestId('audit-workspace')).toBeVisible();
  await expect(page.getByTestId('audit-entry').first()).toBeVisible();

  // The administrator creates a supervisor for one township and reads the generated password once.
  const townships = (await (await api.get('/api/grids?level=township')).json()) as GridSummary[];
  const township = townships[1] ?? townships[0];
  if (!township) throw new Error('the demo county has no township');
  const villages = (await (
    await api.get(`/api/grids?level=village&parentId=${township.id}`)
  ).json()) as GridSummary[];
  const username = `sup-${Date.now().toString(36)}`;

  await page.locator('.workspace-tab[data-workspace="users"]').click();
  const users = page.getByTestId('users-workspace');
  await expect(users.getByTestId('user-row').first()).toBeVisible();
  await users.getByTestId('user-create').click();
  await users.getByTestId('user-username').fill(username);
  await users.getByTestId('user-display-name').fill('张监管');
  await users.getByTestId('user-role').selectOption('township_supervisor');
  await users.getByTestId('user-jurisdiction').selectOption(String(township.id));
  await users.getByRole('button', { name: '新建账户' }).last().click();
  const issued = users.getByTestId('issued-password');
  await expect(issued).toContainText('张监管 的临时密码');
  const password = (await issued.getByTestId('issued-password-value').textContent()) ?? '';
  expect(password.length).toBeGreaterThanOrEqual(10);
  const row = users.locator(`[data-username="${username}"]`);
  await expect(row).toContainText('乡镇网格监管员');
  await expect(row).toContainText(township.name);
  await expect(row).toContainText('待改密码');
  await shot(page, testInfo, 'auth-user-created');
  await logOut(page);

  // First login with the generated password: the new password must be set before anything else.
  await logInThroughPage(page, username, password);
  const forced = page.getByTestId('forced-password-change');
  await expect(forced).toBeVisible();
  await forced.getByTestId('password-current').fill(password);
  await forced.getByTestId('password-next').fill('Heida-tudi-2026');
  await forced.getByTestId('password-repeat').fill('Heida-tudi-2027');
  await expect(forced).toContainText('两次输入的新密码不一致');
  await shot(page, testInfo, 'auth-forced-change');
  await forced.getByTestId('password-repeat').fill('Heida-tudi-2026');
  await forced.getByRole('button', { name: '保存新密码' }).click();
  await expect(page.getByTestId('account-name')).toHaveText('张监管');

  // Only the supervisor's workspaces and township; no administration, no grid editing.
  await expect(page.locator('.workspace-tab[data-workspace="users"]')).toHaveCount(0);
  await expect(page.locator('.workspace-tab[data-workspace="audit"]')).toHaveCount(0);
  const visible = (await (await page.request.get('/api/grids?level=township')).json()) as GridSummary[];
  expect(visible.map((g) => g.id)).toEqual([township.id]);
  await page.locator('.workspace-tab[data-workspace="planning"]').click();
  const planning = page.getByTestId('planning');
  await expect(planning).toBeVisible();
  const parentOptions = planning.getByTestId('planning-parent').locator('option');
  await expect(parentOptions.filter({ hasText: township.name })).toHaveCount(1);
  for (const other of townships.filter((g) => g.id !== township.id))
    await expect(parentOptions.filter({ hasText: other.name })).toHaveCount(0);
  const ownVillages = (await (await page.request.get('/api/grids?level=village')).json()) as GridSummary[];
  expect(ownVillages.map((g) => g.id).sort()).toEqual(villages.map((g) => g.id).sort());
  await expect(planning.getByTestId('tool-draw')).toBeDisabled();
  // Another township's grid, asked for by its address, does not exist for this account.
  const other = townships.find((g) => g.id !== township.id)!;
  expect((await page.request.get(`/api/grids/${other.id}`)).status()).toBe(404);
  expect((await page.request.get(`/api/grids/${other.id}/roster`)).status()).toBe(404);
  await shot(page, testInfo, 'auth-supervisor-planning');

  await logOut(page);
  await expect(page.getByTestId('login-username')).toHaveValue('');
  expect(problems).toEqual([]);
  await context.close();
});

test('on a phone the login page fits the screen and logs in', async ({ browser }, testInfo) => {
  const { context, page, problems } = await freshPage(browser, { width: 390, height: 844 });
  await page.goto('/');
  const submit = page.getByRole('button', { name: '登录', exact: true });
  await expect(submit).toBeVisible();
  const box = await submit.boundingBox();
  expect(box && box.x >= 0 && box.x + box.width <= 390 && box.y + box.height <= 844).toBe(true);
  await page.getByTestId('language-switch').click();
  await expect(page.getByRole('button', { name: 'Log in', exact: true })).toBeVisible();
  await page.getByTestId('language-switch').click();
  await shot(page, testInfo, 'auth-login-phone');
  await logInThroughPage(page, E2E_ADMIN.username, E2E_ADMIN.password);
  await expect(page.getByTestId('account-menu')).toBeVisible();
  await shot(page, testInfo, 'auth-map-phone');
  expect(problems).toEqual([]);
  await context.close();
});
