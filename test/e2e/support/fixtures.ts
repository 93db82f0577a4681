/**
 * The `test` every spec uses: Playwright's, plus
 * - a check on every page that the browser console logged no error and no uncaught exception (failed requests
 *   show up as console errors too), asserted after each test;
 * - `api`, a request context on the server under test that sends the UI language, logged in as the administrator
 *   (cookie and CSRF token);
 * - every page's context logged in as the administrator before the test starts (specs that need the login page
 *   open their own context with `browser.newContext()`).
 */
import {
  type APIRequestContext,
  type BrowserContext,
  type ConsoleMessage,
  test as base,
  expect,
} from '@playwright/test';

/** The administrator the e2e server was started with (global-setup.ts sets ADMIN_PASSWORD). */
export const E2E_ADMIN = { username: 'admin', password: process.env.E2E_ADMIN_PASSWORD ?? '' };

/** Logs a browser context in (its cookies then go with every page and request of the context); returns the CSRF token. */
export async function logIn(
  context: BrowserContext | APIRequestContext,
  account: { username: string; password: string } = E2E_ADMIN,
): Promise<string> {
  const request = 'request' in context ? context.request : context;
  const response = await request.post('/api/auth/login', { data: account });
  expect(response.status(), `logging in as ${account.username}`).toBe(200);
  return ((await response.json()) as { csrfToken: string }).csrfToken;
}

export interface ConsoleProblems {
  messages: string[];
  /** Call when a test provokes an error on purpose; the text must match it. */
  allow(pattern: RegExp): void;
}

function describe(message: ConsoleMessage): string {
  const location = message.location();
  return `${message.text()}${location.url ? ` (${location.url}:${location.lineNumber})` : ''}`;
}

export const test = base.extend<{ consoleProblems: ConsoleProblems; api: APIRequestContext }>({
  baseURL: async ({ baseURL }, use) => {
    await use(process.env.E2E_BASE_URL ?? baseURL);
  },
  context: async ({ context }, use) => {
    await logIn(context);
    await use(context);
  },
  consoleProblems: [
    async ({ page }, use) => {
      const problems: string[] = [];
      const allowed: RegExp[] = [];
      page.on('console', (message) => {
        if (message.type() === 'error') problems.push(describe(message));
      });
      page.on('pageerror', (error) => problems.push(`uncaught: ${error.stack ?? error.message}`));
      await use({ messages: problems, allow: (pattern) => allowed.push(pattern) });
      const unexpected = problems.filter((text) => !allowed.some((pattern) => pattern.test(text)));
      expect(unexpected, 'the browser console must stay free of errors').toEqual([]);
    },
    { auto: true },
  ],
  api: async ({ playwright }, use) => {
    const login = await playwright.request.newContext({ baseURL: process.env.E2E_BASE_URL });
    const csrfToken = await logIn(login);
    const context = await playwright.request.newContext({
      baseURL: process.env.E2E_BASE_URL,
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN', 'X-CSRF-Token': csrfToken },
      storageState: await login.storageState(),
    });
    await login.dispose();
    await use(context);
    await context.dispose();
  },
});

export { expect };
