#!/usr/bin/env node
/**
 * Playground figures in Chromium, against the built dist/: bytes shipped before and
 * after the reader opens a playground, click-to-editor-ready (cold and warm HTTP
 * cache), and compile+run times (first and warm). Figures only, never a pass/fail.
 * Run after `npm run build`: `node bench/playground.mjs` (Node 24, for the .ts harness).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveDist } from '../tests/e2e/harness.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const assets = join(root, 'dist/_astro');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);

const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Raw and gzip size of the built files whose names match. */
function sizeOf(pattern) {
  const files = existsSync(assets) ? readdirSync(assets).filter((name) => pattern.test(name)) : [];
  let raw = 0;
  let gzip = 0;
  for (const name of files) {
    const body = readFileSync(join(assets, name));
    raw += body.length;
    gzip += gzipSync(body, { level: 9 }).length;
  }
  return { files: files.length, raw, gzip };
}

function printSizes() {
  console.log('\nPlayground sizes (dist/_astro, gzip -9)');
  const rows = [
    ['mount.ts (on every page with a scenario)', /^mount\..*\.js$/],
    ['playground app (compile/run/timeline/UI)', /^app\..*\.js$/],
    ['Monaco editor core + TypeScript mode', /^(monaco-editor|tsMode|typescript)-.*\.js$/],
    ['Monaco stylesheet', /^editor\.main-.*\.css$/],
    ['Monaco editor worker', /^editor\.worker-.*\.js$/],
    ['TypeScript language worker', /^ts\.worker-.*\.js$/],
    ['esbuild-wasm JS', /^browser\..*\.js$/],
    ['esbuild.wasm', /^esbuild\..*\.wasm$/],
    ['runner worker (simulator included)', /^run-worker-.*\.js$/],
  ];
  for (const [label, pattern] of rows) {
    const size = sizeOf(pattern);
    console.log(`  ${label.padEnd(44)} ${kb(size.gzip).padStart(10)} gzip  ${kb(size.raw).padStart(11)} raw  (${size.files} file${size.files === 1 ? '' : 's'})`);
  }
}

/** The page to measure: the test page if built, else the first chapter with a playground. */
function pagePath() {
  if (existsSync(join(root, 'dist/test/playground/index.html'))) return 'test/playground/';
  for (const entry of readdirSync(join(root, 'dist'), { withFileTypes: true })) {
    const file = join(root, 'dist', entry.name, 'index.html');
    if (entry.isDirectory() && existsSync(file) && readFileSync(file, 'utf8').includes('<gil-playground')) return `${entry.name}/`;
  }
  return undefined;
}

/** Press Run in the page and time until the result is on screen (next frame after it lands). */
async function timeRun(page) {
  const { elapsed, outcome, status } = await page.evaluate(() => new Promise((resolve) => {
    const host = document.querySelector('gil-playground');
    const before = host.dataset.runs ?? '0';
    delete host.dataset.outcome;
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (!host.dataset.outcome) return;
      if (host.dataset.outcome === 'done' && host.dataset.runs === before) return;
      observer.disconnect();
      requestAnimationFrame(() => resolve({
        elapsed: performance.now() - started, outcome: host.dataset.outcome, status: host.querySelector('.gil-status')?.textContent,
      }));
    });
    observer.observe(host, { attributes: true });
    host.querySelector('[data-action="run"]').click();
  }));
  if (outcome !== 'done') throw new Error(`run ended with ${outcome}: ${status}`);
  if (process.env.BENCH_VERBOSE) console.log(`   run ${elapsed.toFixed(0)} ms; ${status}`);
  return Math.round(elapsed);
}

/** Four threads doing 70,000 I/O + Python turns each: about a million state intervals. */
const largeScenario = `import { defineScenario, py, io, spawn, join } from "gilsim";
const turns = 70_000;
export default defineScenario({
  runtime: "cpython-3.12",
  cpus: 4,
  *main() {
    const threads = [];
    for (let t = 0; t < 4; t++) {
      threads.push(yield spawn("t" + t, function* () {
        for (let i = 0; i < turns; i++) { yield io(0.01); yield py(100); }
      }));
    }
    for (const thread of threads) yield join(thread);
  },
});
`;

/** Run the large scenario in the textarea editor, then time repaints of the whole run and of a zoom. */
async function largeTrace(browser, url, path) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url + path);
  await page.evaluate(() => document.querySelector('gil-playground').setAttribute('data-plain-editor', ''));
  await page.click('gil-playground [data-action="edit"]');
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
  await page.locator('.gil-textarea-editor textarea').fill(largeScenario);
  await page.waitForTimeout(3000); // let the compiler warm up
  const run = await timeRun(page);
  const intervals = await page.evaluate(() => document.querySelector('.gil-timeline canvas')?.getAttribute('aria-label'));
  const paints = [];
  const canvas = page.locator('.gil-timeline canvas');
  paints.push(Number(await canvas.getAttribute('data-paint-ms')));
  await canvas.focus();
  for (let i = 0; i < 6; i++) {
    const drawn = Number(await canvas.getAttribute('data-drawn'));
    await page.keyboard.press(i < 3 ? '+' : 'ArrowRight');
    await page.waitForFunction((count) => Number(document.querySelector('.gil-timeline canvas').dataset.drawn) > count, drawn);
    paints.push(Number(await canvas.getAttribute('data-paint-ms')));
  }
  await context.close();
  return { run, paints, intervals };
}

async function main() {
  printSizes();
  const path = pagePath();
  if (!path) {
    console.log('\nPlayground timings skipped: no built page embeds a playground');
    return;
  }
  const { server, url } = await serveDist();
  const browser = await launchChromium();
  const figures = { initialJs: [], coldReady: [], warmReady: [], firstRun: [], firstRunAfterPause: [], warmRun: [] };
  try {
    for (let round = 0; round < rounds; round++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
      const page = await context.newPage();
      let initialJs = 0;
      const counting = async (response) => {
        if (response.request().resourceType() !== 'script') return;
        initialJs += gzipSync(await response.body().catch(() => Buffer.alloc(0))).length;
      };
      page.on('response', counting);
      await page.goto(url + path, { waitUntil: 'networkidle' });
      page.off('response', counting);
      figures.initialJs.push(initialJs);
      let started = Date.now();
      await page.click('gil-playground [data-action="edit"]');
      await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
      figures.coldReady.push(Date.now() - started);
      figures.firstRun.push(await timeRun(page));
      for (let i = 0; i < 3; i++) figures.warmRun.push(await timeRun(page));
      // Same browser cache, fresh page: the editor from a warm HTTP cache.
      await page.goto(url + path, { waitUntil: 'networkidle' });
      started = Date.now();
      await page.click('gil-playground [data-action="edit"]');
      await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
      figures.warmReady.push(Date.now() - started);
      // A reader who reads the code for a few seconds before pressing Run (compiler warmed up meanwhile).
      await page.waitForTimeout(4000);
      figures.firstRunAfterPause.push(await timeRun(page));
      await context.close();
    }
    figures.large = await largeTrace(browser, url, path);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nPlayground timings in Chromium (${path}, median of ${rounds} rounds; local server, no throttling)`);
  console.log(`  JS before the reader touches a playground  ${kb(median(figures.initialJs))} gzip`);
  console.log(`  click to editor ready, cold cache          ${median(figures.coldReady)} ms`);
  console.log(`  click to editor ready, warm cache          ${median(figures.warmReady)} ms`);
  console.log(`  first compile + run, Run pressed at once   ${median(figures.firstRun)} ms (includes loading esbuild.wasm and the runner)`);
  console.log(`  first compile + run, Run pressed after 4 s ${median(figures.firstRunAfterPause)} ms (warm HTTP cache)`);
  console.log(`  warm compile + run                         ${median(figures.warmRun)} ms`);
  const large = figures.large;
  console.log(`  large trace (4 threads × 70,000 I/O turns, ~1M state intervals): compile + run + transfer + first paint ${large.run} ms`);
  console.log(`    repaint, whole run ${large.paints[0]} ms; zoomed/panned repaints ${large.paints.slice(1).join(', ')} ms`);
}

await main();
