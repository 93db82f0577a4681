/**
 * The `test` every spec uses: Playwright's, plus
 * - a check on every page that the browser console logged no error and no uncaught exception (failed requests
 *   show up as console errors too), asserted after each test;
 * - `api`, a request context on the server under test that sends the UI language.
 */
import { type APIRequestContext, type ConsoleMessage, test as base, expect } from '@playwright/test';

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
    const context = await playwright.request.newContext({
      baseURL: process.env.E2E_BASE_URL,
      extraHTTPHeaders: { 'Accept-Language': 'zh-CN' },
    });
    await use(context);
    await context.dispose();
  },
});

export { expect };
