/**
 * Browser-test harness: serves the built `dist/` on a free localhost port and drives
 * Debian's Chromium through playwright-core (never a downloaded browser).
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { test as baseTest } from 'vitest';
import { basePath, distDir } from './site-pages';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';


const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript',
  '.css': 'text/css', '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm',
  '.png': 'image/png', '.ico': 'image/x-icon', '.txt': 'text/plain', '.ttf': 'font/ttf', '.woff2': 'font/woff2',
  '.pf_meta': 'application/octet-stream', '.pf_index': 'application/octet-stream', '.pf_fragment': 'application/octet-stream',
};

/** Serve dist/ under `base` (e.g. "/" or "/gil-lab/"). Resolves with the server and its origin + base URL. */
export async function serveDist(base = basePath): Promise<{ server: Server; url: string }> {
  const server = createServer(async (request, response) => {
    try {
      let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
      if (!path.startsWith(base)) { response.writeHead(404).end('not under base'); return; }
      path = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
      let file = join(distDir, path);
      const info = await stat(file).catch(() => undefined);
      if (info?.isDirectory()) file = join(file, 'index.html');
      else if (!info && !extname(file)) file += '.html';
      const body = await readFile(file).catch(() => undefined);
      if (!body) {
        const notFound = await readFile(join(distDir, '404.html')).catch(() => Buffer.from('not found'));
        response.writeHead(404, { 'content-type': 'text/html; charset=utf-8' }).end(notFound);
        return;
      }
      response.writeHead(200, { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream' }).end(body);
    } catch (error) {
      response.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return { server, url: `http://127.0.0.1:${port}${base}` };
}

/** Launch Debian's Chromium headless with the flags this machine needs (plus `extraArgs`). */
export function launchChromium(options: { extraArgs?: string[] } = {}): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: [
      '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
      '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
      ...(options.extraArgs ?? []),
    ],
  });
}

/** Collect console errors and uncaught page errors, to assert a page is clean. */
export function collectErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => { if (message.type() === 'error') errors.push(message.text()); });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}

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
