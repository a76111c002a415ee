/**
 * Browser-test harness: the fixtures every browser test uses, over chromium.ts (dist/
 * served on a free localhost port, Debian's Chromium through playwright-core).
 */
import { test as baseTest } from 'vitest';
import type { Browser, BrowserContext, BrowserContextOptions, Page } from 'playwright-core';
import { launchChromium, serveDist } from './chromium';

export { collectErrors, launchChromium, serveDist } from './chromium';

/** The `newPage` fixture: a page in a fresh context of its own, closed after the test. */
export type NewPage = (options?: BrowserContextOptions) => Promise<Page>;

/** Dist/ served on localhost, and the Chromium the tests drive. */
export interface Site {
  readonly browser: Browser;
  /** The served site's origin and base path, e.g. "http://127.0.0.1:4321/". */
  readonly url: string;
}

/**
 * The browser tests' `test`, with fixtures a test names to get them (Vitest's
 * `test.extend`); each is closed after the test whether it passed or failed, so a
 * failing test leaks no context into the next.
 *
 * - `site`: dist/ served under `BASE_PATH` and Chromium launched, once per file, both
 *   closed after the file's last test.
 * - `context`, `page`: a fresh browser context with `contextOptions` and a page in it.
 * - `contextOptions`: `{}` unless a file or describe block sets
 *   `test.override('contextOptions', { viewport: … })`.
 * - `newPage(options)`: a page in a further context of its own (another viewport, a
 *   second reader), for tests that need more than one.
 */
export const test = baseTest
  // Vitest reads a fixture's dependencies from its first parameter, which must be a destructuring pattern.
  // biome-ignore lint/correctness/noEmptyPattern: this fixture depends on none.
  .extend('site', { scope: 'file' }, async ({}, { onCleanup }): Promise<Site> => {
    const { server, url } = await serveDist();
    const browser = await launchChromium().catch((error: unknown) => {
      server.close();
      throw error;
    });
    onCleanup(async () => {
      await browser.close();
      server.close();
    });
    return { browser, url };
  })
  .extend('contextOptions', {} as BrowserContextOptions)
  .extend('newPage', async ({ site }, { onCleanup }) => {
    const contexts: BrowserContext[] = [];
    // Every context, even if the test failed half-way; a context the browser already lost does not hide the others.
    onCleanup(async () => {
      await Promise.allSettled(contexts.map((context) => context.close()));
    });
    const newPage: NewPage = async (options = {}) => {
      const context = await site.browser.newContext(options);
      contexts.push(context);
      return context.newPage();
    };
    return newPage;
  })
  .extend('page', async ({ newPage, contextOptions }) => newPage(contextOptions))
  .extend('context', async ({ page }) => page.context());
