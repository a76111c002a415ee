#!/usr/bin/env node
/**
 * Playground figures in Chromium, against the built dist/: bytes shipped before and
 * after the reader opens a playground, click-to-editor-ready (cold and warm HTTP
 * cache), cold click to the first diagnostic, compile+run times (first and warm),
 * what the phone (textarea) path downloads before Run, and how long a 30,000-thread
 * result takes to render. Figures only, never a pass/fail.
 * Run after `npm run build`: `node bench/playground.mjs` (Node 24, for the .ts harness).
 */
import { readdirSync, readFileSync, existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveDist } from '../tests/e2e/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const assets = join(root, 'dist/_astro');
const rounds = Number(process.env.BENCH_ROUNDS ?? 3);
/** BENCH_ONLY=diagnostic,phone runs only those figures (load, large, diagnostic, phone, threads). */
const only = process.env.BENCH_ONLY?.split(',');
const wanted = (name) => !only || only.includes(name);

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
      threads.push(yield* spawn("t" + t, function* () {
        for (let i = 0; i < turns; i++) { yield io(0.01); yield py(100); }
      }));
    }
    for (const thread of threads) yield* join(thread);
  },
});
`;

/** 100 Mbit/s of raw bytes, about 25–30 Mbit/s of the gzip a real host would send; 40 ms round trips. */
const throttledNetwork = { mbps: 100, rttMs: 40 };

/** The fixture's code with a syntax error on line 8 (what the cold-diagnostic figure waits for). */
const brokenScenario = `import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Broken",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    yield py(1000;
  },
});
`;

/**
 * Cold HTTP cache: the page's scenario is replaced by one that does not compile, then
 * the reader clicks Edit & run and presses Run the moment it appears. Times (in the
 * page, from the click) until the editor is ready, until the compile error is shown
 * under the editor, and until the first diagnostic of any kind (Monaco's own
 * TypeScript check may mark the line before Run's compile does). With `network`,
 * Chromium throttles the downloads (the local server does not compress, so the
 * throughput applies to raw bytes).
 */
async function coldDiagnostic(browser, url, path, network) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(url + path, { waitUntil: 'networkidle' });
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: network.rttMs, downloadThroughput: network.mbps * 125_000, uploadThroughput: network.mbps * 125_000 });
  }
  const times = await page.evaluate((code) => new Promise((resolve) => {
    const host = document.querySelector('gil-playground');
    host.querySelector('script.gil-source').textContent = JSON.stringify(code);
    const times = {};
    const started = performance.now();
    const observer = new MutationObserver(() => {
      const now = performance.now() - started;
      if (times.ready === undefined && host.dataset.state === 'ready') {
        times.ready = now;
        host.querySelector('[data-action="run"]').click();
      }
      if (times.compile === undefined && host.querySelector('.gil-message-error')) times.compile = now;
      // Whichever the reader sees first: the compile error or Monaco's own type-check squiggle.
      if (times.first === undefined && (host.querySelector('.squiggly-error') || times.compile !== undefined)) times.first = now;
      if (times.ready !== undefined && times.compile !== undefined) {
        observer.disconnect();
        resolve(times);
      }
    });
    observer.observe(host, { attributes: true, childList: true, subtree: true });
    host.querySelector('[data-action="edit"]').click();
  }), brokenScenario);
  await context.close();
  return times;
}

/**
 * A phone (390 px, touch: the textarea editor): bytes downloaded after the tap on
 * Edit & run, while the reader reads for 5 s without pressing Run, then by the end of
 * the first run (and how long that run took, from the tap). Raw bytes and their
 * gzip -6 size (what a host serving gzip sends).
 */
async function phoneBytes(browser, url, path) {
  const context = await browser.newContext({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 3 });
  const page = await context.newPage();
  await page.goto(url + path, { waitUntil: 'networkidle' });
  const phases = { beforeRun: { raw: 0, gzip: 0, files: [] }, run: { raw: 0, gzip: 0, files: [] } };
  let phase = phases.beforeRun;
  const pending = [];
  page.on('response', (response) => {
    const into = phase;
    pending.push(response.body().then((body) => {
      into.raw += body.length;
      into.gzip += gzipSync(body).length;
      into.files.push(response.url().replace(/^.*\//, ''));
    }).catch(() => undefined));
  });
  await page.locator('gil-playground [data-action="edit"]').first().tap();
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
  await page.waitForTimeout(5000);
  await Promise.all(pending);
  phase = phases.run;
  const started = Date.now();
  await page.locator('gil-playground [data-action="run"]').first().tap();
  await page.waitForFunction(() => document.querySelector('gil-playground')?.dataset.outcome, null, { timeout: 60_000 });
  phases.firstRunMs = Date.now() - started;
  await Promise.all(pending);
  await context.close();
  return phases;
}

/**
 * 30,000 threads started, then joined: 30,006 lanes and a 30,001-thread metrics table.
 * The threads do nothing, the cheapest 30,000 to simulate, so the figure is about rendering.
 */
const manyThreadsScenario = `import { defineScenario, spawn, join } from "gilsim";
export default defineScenario({
  runtime: "cpython-3.12",
  cpus: 4,
  *main() {
    const workers = [];
    for (let i = 0; i < 30_000; i++) workers.push(yield* spawn("w" + i, function* () {}));
    for (const worker of workers) yield* join(worker);
  },
});
`;

/** A desktop page with the playground open in the plain editor, holding `code`, the compiler warmed up. */
async function openWithCode(browser, pageUrl, code) {
  const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  await page.goto(pageUrl);
  await page.evaluate(() => document.querySelector('gil-playground').setAttribute('data-plain-editor', ''));
  await page.click('gil-playground [data-action="edit"]');
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
  await page.locator('.gil-textarea-editor textarea').fill(code);
  await page.waitForTimeout(3000); // let the compiler warm up
  return { context, page };
}

/**
 * Run the 30,000-thread scenario (textarea editor) and read how long the results took
 * to build (results-view's data-render-ms), the first canvas paint, and the longest
 * main-thread task of the whole run (a frozen page shows up there).
 */
async function manyThreads(browser, url, path) {
  const { context, page } = await openWithCode(browser, url + path, manyThreadsScenario);
  await page.evaluate(() => {
    window.__longestTask = 0;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) window.__longestTask = Math.max(window.__longestTask, entry.duration);
    }).observe({ type: 'longtask' });
  });
  const run = await timeRun(page);
  await page.waitForTimeout(500); // the canvas paints on the next frame; long tasks are reported late
  const figures = await page.evaluate(() => ({
    render: document.querySelector('.gil-results')?.dataset.renderMs,
    paint: document.querySelector('.gil-timeline canvas')?.dataset.paintMs,
    canvasHeight: document.querySelector('.gil-timeline canvas')?.getBoundingClientRect().height,
    rows: document.querySelectorAll('.gil-metrics tbody tr').length,
    longestTask: window.__longestTask,
  }));
  await context.close();
  return { run, ...figures };
}

/** Run the large scenario in the textarea editor, then time repaints of the whole run and of a zoom. */
async function largeTrace(browser, url, path) {
  const { context, page } = await openWithCode(browser, url + path, largeScenario);
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
    for (let round = 0; wanted('load') && round < rounds; round++) {
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
    if (wanted('large')) figures.large = await largeTrace(browser, url, path);
    if (wanted('diagnostic')) {
      figures.diagnostic = { local: [], throttled: [] };
      for (let round = 0; round < rounds; round++) {
        figures.diagnostic.local.push(await coldDiagnostic(browser, url, path));
        figures.diagnostic.throttled.push(await coldDiagnostic(browser, url, path, throttledNetwork));
      }
    }
    if (wanted('phone')) figures.phone = await phoneBytes(browser, url, path);
    if (wanted('threads')) figures.many = await manyThreads(browser, url, path);
  } finally {
    await browser.close();
    server.close();
  }
  console.log(`\nPlayground timings in Chromium (${path}, median of ${rounds} rounds; local server, no throttling)`);
  if (wanted('load')) {
    console.log(`  JS before the reader touches a playground  ${kb(median(figures.initialJs))} gzip`);
    console.log(`  click to editor ready, cold cache          ${median(figures.coldReady)} ms`);
    console.log(`  click to editor ready, warm cache          ${median(figures.warmReady)} ms`);
    console.log(`  first compile + run, Run pressed at once   ${median(figures.firstRun)} ms (includes loading esbuild.wasm and the runner)`);
    console.log(`  first compile + run, Run pressed after 4 s ${median(figures.firstRunAfterPause)} ms (warm HTTP cache)`);
    console.log(`  warm compile + run                         ${median(figures.warmRun)} ms`);
  }
  const large = figures.large;
  if (large) {
    console.log(`  large trace (4 threads × 70,000 I/O turns, ~1M state intervals): compile + run + transfer + first paint ${large.run} ms`);
    console.log(`    repaint, whole run ${large.paints[0]} ms; zoomed/panned repaints ${large.paints.slice(1).join(', ')} ms`);
  }
  if (figures.diagnostic) printDiagnostic(figures.diagnostic);
  if (figures.phone) printPhone(figures.phone);
  if (figures.many) printManyThreads(figures.many);
}

function printDiagnostic({ local, throttled }) {
  const line = (rounds) => {
    const figure = (key) => Math.round(median(rounds.map((times) => times[key] ?? Infinity)));
    return `editor ready ${figure('ready')} ms; first diagnostic ${figure('first')} ms; compile error shown ${figure('compile')} ms`;
  };
  console.log(`  cold click to first diagnostic (code that does not compile, Run pressed once the editor is up):`);
  console.log(`    local server: ${line(local)}`);
  console.log(`    ${throttledNetwork.mbps} Mbit/s raw, ${throttledNetwork.rttMs} ms RTT: ${line(throttled)}`);
}

function printPhone(phone) {
  console.log(`  phone (390 px, textarea editor): downloaded after the tap, before Run ${kb(phone.beforeRun.gzip)} gzip (${kb(phone.beforeRun.raw)} raw, ${phone.beforeRun.files.length} files); by the end of the first run ${kb(phone.beforeRun.gzip + phone.run.gzip)} gzip (that run: ${phone.firstRunMs} ms from the tap)`);
  if (process.env.BENCH_VERBOSE) console.log(`    before Run: ${phone.beforeRun.files.join(', ')}\n    during Run: ${phone.run.files.join(', ')}`);
}

function printManyThreads(many) {
  console.log(`  30,000 threads (30,006 lanes): compile + run + transfer + render ${many.run} ms; results built in ${many.render ?? '?'} ms, first canvas paint ${many.paint} ms, longest main-thread task ${Math.round(many.longestTask)} ms`);
  console.log(`    canvas ${Math.round(many.canvasHeight)} px tall, ${many.rows} metrics rows in the DOM`);
}

await main();
