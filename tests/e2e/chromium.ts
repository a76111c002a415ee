/**
 * The built site served and Debian's Chromium launched, with nothing but Node and
 * playwright-core: the browser tests (harness.ts) and the benches (bench/*.mjs, run
 * by Node without a bundler, so this file imports no other local module) share it.
 */
import { createServer, type Server } from 'node:http';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { chromium, type Browser, type Page } from 'playwright-core';

export const distDir = new URL('../../dist/', import.meta.url).pathname;

/** The base path with one trailing slash, as the build saw it (BASE_PATH). */
export const basePath = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');

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
