#!/usr/bin/env node
/**
 * `npm run lighthouse`: build the site, serve dist/ as a static host would (gzip,
 * under BASE_PATH), and run Lighthouse on every reader page with its default mobile
 * settings (a phone-sized viewport, simulated slow 4G and a 4× slower CPU), in
 * Debian's Chromium. Writes bench/lighthouse-report.md: performance, accessibility,
 * best practices, SEO, CLS, LCP and TBT per page.
 *
 * Figures only, and not part of `npm test`: scores depend on the machine's load.
 *
 *   npm run lighthouse                    build, then every page, one run each
 *   npm run lighthouse -- --no-build      use the dist/ already built
 *   npm run lighthouse -- --runs 3        median of three runs per page (by performance)
 *   npm run lighthouse -- --only /api/    just the pages whose path contains "/api/"
 */
import { spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { extname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { parseArgs } from 'node:util';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';

const root = fileURLToPath(new URL('..', import.meta.url));
const distDir = join(root, 'dist');
const reportFile = join(root, 'bench/lighthouse-report.md');
const base = `/${(process.env.BASE_PATH ?? '/').replace(/^\/+|\/+$/g, '')}/`.replace(/^\/\/$/, '/');
const chromePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The flags the browser tests use on this machine (tests/e2e/chromium.ts).
const chromeFlags = [
  '--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run', '--disable-quic',
];
const categories = ['performance', 'accessibility', 'best-practices', 'seo'];

const { values: args } = parseArgs({
  options: {
    'no-build': { type: 'boolean', default: false },
    runs: { type: 'string', default: '1' },
    only: { type: 'string' },
  },
});
const runs = Math.max(1, Math.min(9, Number.parseInt(args.runs, 10) || 1));

const contentTypes = {
  '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.mjs': 'text/javascript', '.css': 'text/css',
  '.svg': 'image/svg+xml', '.json': 'application/json', '.wasm': 'application/wasm', '.png': 'image/png',
  '.ico': 'image/x-icon', '.txt': 'text/plain', '.woff2': 'font/woff2',
};
const compressible = new Set(['.html', '.js', '.mjs', '.css', '.svg', '.json', '.txt', '.wasm']);

/** Reader pages of dist/ as URL paths under the base (test fixtures, marked noindex, left out). */
function readerPaths() {
  const walk = (dir) => readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === '_astro' || name === 'pagefind' ? [] : walk(path);
    return name.endsWith('.html') ? [path] : [];
  });
  return walk(distDir)
    .filter((file) => !readFileSync(file, 'utf8').includes('<meta name="robots" content="noindex"'))
    .map((file) => base + relative(distDir, file).replace(/(^|\/)index\.html$/, '$1'))
    .sort((a, b) => (a === base ? -1 : b === base ? 1 : a.localeCompare(b)));
}

/** A static host for dist/: gzip for text, index.html for folders, 404.html for the rest. */
function serve() {
  const server = createServer((request, response) => {
    let path = decodeURIComponent(new URL(request.url ?? '/', 'http://x').pathname);
    if (!path.startsWith(base)) return void response.writeHead(404).end();
    path = normalize(path.slice(base.length)).replace(/^(\.\.[/\\])+/, '');
    let file = join(distDir, path);
    if (existsSync(file) && statSync(file).isDirectory()) file = join(file, 'index.html');
    let status = 200;
    if (!existsSync(file)) [file, status] = [join(distDir, '404.html'), 404];
    let body = readFileSync(file);
    const headers = { 'content-type': contentTypes[extname(file)] ?? 'application/octet-stream', 'cache-control': 'no-cache' };
    if (compressible.has(extname(file)) && /\bgzip\b/.test(String(request.headers['accept-encoding']))) {
      body = gzipSync(body);
      headers['content-encoding'] = 'gzip';
    }
    response.writeHead(status, headers).end(body);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** The median run by performance score. */
function median(results) {
  const sorted = [...results].sort((a, b) => a.performance - b.performance);
  return sorted[Math.floor(sorted.length / 2)];
}

const score = (value) => (value === null || value === undefined ? '–' : String(Math.round(value * 100)));

if (!args['no-build']) {
  console.log('Building the site…');
  const built = spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', env: { ...process.env, GIL_TEST_PAGES: '' } });
  if (built.status !== 0) process.exit(built.status ?? 1);
}
if (!existsSync(join(distDir, 'index.html'))) {
  console.error('dist/ has no index.html: run `npm run build` first (or drop --no-build).');
  process.exit(1);
}

const paths = readerPaths().filter((path) => !args.only || path.includes(args.only));
const server = await serve();
const origin = `http://127.0.0.1:${server.address().port}`;
const chrome = await chromeLauncher.launch({ chromePath, chromeFlags });
const rows = [];
try {
  for (const path of paths) {
    const results = [];
    for (let run = 0; run < runs; run++) {
      // Default config: mobile form factor, screen emulation and simulated throttling.
      const outcome = await lighthouse(origin + path, { port: chrome.port, output: 'json', logLevel: 'error', onlyCategories: categories });
      const { categories: scores, audits } = outcome.lhr;
      results.push({
        performance: scores.performance.score, accessibility: scores.accessibility.score,
        bestPractices: scores['best-practices'].score, seo: scores.seo.score,
        cls: audits['cumulative-layout-shift'].numericValue, lcp: audits['largest-contentful-paint'].numericValue,
        tbt: audits['total-blocking-time'].numericValue, fcp: audits['first-contentful-paint'].numericValue,
        weight: audits['total-byte-weight'].numericValue,
        lighthouseVersion: outcome.lhr.lighthouseVersion, userAgent: outcome.lhr.environment.hostUserAgent,
      });
    }
    const row = { path, ...median(results) };
    rows.push(row);
    console.log(`${path.padEnd(28)} performance ${score(row.performance).padStart(3)}  accessibility ${score(row.accessibility).padStart(3)}  CLS ${row.cls.toFixed(3)}  LCP ${Math.round(row.lcp)} ms  TBT ${Math.round(row.tbt)} ms`);
  }
} finally {
  await chrome.kill();
  server.close();
}

const browser = /Chrome\/([\d.]+)/.exec(rows[0]?.userAgent ?? '')?.[1] ?? 'unknown';
const lines = [
  '# Lighthouse, mobile',
  '',
  `Written by \`npm run lighthouse\` (scripts/lighthouse.mjs) on ${new Date().toISOString().slice(0, 10)}: Lighthouse ${rows[0]?.lighthouseVersion ?? '?'}`,
  `in Chromium ${browser}, default mobile settings (phone screen emulation, simulated slow 4G, 4× CPU slowdown),`,
  `dist/ served gzipped from 127.0.0.1${runs > 1 ? `, median of ${runs} runs per page` : ', one run per page'}.`,
  'Scores move with the machine\'s load (this one has two cores shared with other work); CLS does not.',
  '',
  '| page | performance | accessibility | best practices | SEO | CLS | FCP (ms) | LCP (ms) | TBT (ms) | transfer (KB) |',
  '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ...rows.map((row) => `| \`${row.path}\` | ${score(row.performance)} | ${score(row.accessibility)} | ${score(row.bestPractices)} | ${score(row.seo)} | ${row.cls.toFixed(3)} | ${Math.round(row.fcp)} | ${Math.round(row.lcp)} | ${Math.round(row.tbt)} | ${Math.round(row.weight / 1024)} |`),
  '',
];
if (!args.only) {
  writeFileSync(reportFile, lines.join('\n'));
  console.log(`\nWrote ${relative(root, reportFile)}`);
} else {
  console.log(`\n(--only: ${relative(root, reportFile)} left as it was)\n\n${lines.join('\n')}`);
}
