#!/usr/bin/env node
/**
 * Chapter knobs in Chromium, against the built dist/: for every figure with knobs on
 * every page, the time from a knob's change to the redrawn figure on screen (the
 * scenario re-run in the page, the markup rebuilt, the next frame painted), and the
 * JavaScript the knob runtime loads on first use (gzip), beside what the page ships
 * before interaction. Figures only, never a pass/fail; the target is 300 ms a redraw.
 * Run after `npm run build`: `node bench/knobs.mjs`.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { launchChromium, serveDist } from '../tests/e2e/chromium.ts';

const root = fileURLToPath(new URL('..', import.meta.url));
const dist = join(root, 'dist');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);
const kb = (bytes) => `${(bytes / 1024).toFixed(1)} KB`;
const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];

/** Pages whose HTML has a figure with knobs, as "slug/". */
function knobPages() {
  const pages = readFileSync(join(dist, 'index.html'), 'utf8').includes('data-knob-figure=') ? [''] : [];
  for (const entry of readdirSync(dist, { withFileTypes: true })) {
    const file = join(dist, entry.name, 'index.html');
    if (entry.isDirectory() && entry.name !== 'test' && existsSync(file) && readFileSync(file, 'utf8').includes('data-knob-figure=')) pages.push(`${entry.name}/`);
  }
  return pages.sort();
}

const gzipOf = (urlPath) => {
  const file = join(dist, decodeURIComponent(urlPath).replace(/^\//, ''));
  return existsSync(file) ? gzipSync(readFileSync(file), { level: 9 }).length : 0;
};

/**
 * In the page: move knob `name` of figure `key` to each of `values` in turn, timing each
 * from the change to the frame after the redraw. Returns ms per change.
 */
function timeChanges([key, name, values]) {
  const figure = document.querySelector(`[data-knob-figure="${key}"]`);
  const control = figure.querySelector(`[data-knob-input="${name}"]`);
  const result = figure.querySelector('.gil-result');
  const one = (value) => new Promise((resolve) => {
    const before = Number(result.dataset.renders ?? 0);
    const started = performance.now();
    const observer = new MutationObserver(() => {
      if (Number(result.dataset.renders ?? 0) === before) return;
      observer.disconnect();
      requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - started), 0));
    });
    observer.observe(result, { attributes: true, attributeFilter: ['data-renders'] });
    control.value = String(value);
    control.dispatchEvent(new Event('input', { bubbles: true }));
    control.dispatchEvent(new Event('change', { bubbles: true }));
  });
  // A value equal to the current one changes nothing and draws nothing: skip it.
  return values.reduce((chain, value) => chain.then((times) => (String(value) === control.value ? times : one(value).then((ms) => [...times, ms]))), Promise.resolve([]));
}

async function main() {
  const pages = knobPages();
  if (pages.length === 0) {
    console.log('\nKnob timings skipped: no page with knobs in dist/ (run `npm run build`)');
    return;
  }
  const { server, url } = await serveDist('/');
  const browser = await launchChromium();
  try {
    const rows = [];
    const sizes = [];
    for (const path of pages) {
      const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
      const scripts = [];
      page.on('response', (response) => {
        if (response.request().resourceType() === 'script') scripts.push(new URL(response.url()).pathname);
      });
      await page.goto(`${url}${path}`, { waitUntil: 'networkidle' });
      const before = new Set(scripts);
      const figures = await page.locator('[data-knob-figure]').evaluateAll((elements) => elements.map((element) => ({
        key: element.dataset.knobFigure,
        knobs: [...element.querySelectorAll('[data-knob-input]')].map((control) => ({
          name: control.dataset.knobInput,
          choice: control instanceof HTMLSelectElement,
          values: control instanceof HTMLSelectElement ? [...control.options].map((option) => option.value) : [control.min, control.max, control.value],
          runs: element.querySelectorAll('.gil-summary span').length,
        })),
      })));
      for (const [index, figure] of figures.entries()) {
        const locator = page.locator(`[data-knob-figure="${figure.key}"]`);
        // A figure behind "predict, then reveal" is hidden until the reader answers or skips.
        const predict = page.locator('gil-predict', { has: locator });
        if (await predict.count()) await predict.getByRole('button', { name: 'Just show me' }).click();
        await locator.scrollIntoViewIfNeeded();
        await page.waitForSelector(`[data-knob-figure="${figure.key}"][data-knobs="live"]`);
        if (index === 0) {
          await page.waitForLoadState('networkidle');
          const loaded = scripts.filter((script) => !before.has(script));
          sizes.push({ path, before: [...before].reduce((sum, script) => sum + gzipOf(script), 0), runtime: loaded.reduce((sum, script) => sum + gzipOf(script), 0), files: loaded.length });
        }
        for (const knob of figure.knobs) {
          // Each round: the far end, the near end, the default (numbers), or every choice in turn; the first change is the cold one.
          const sequence = Array.from({ length: rounds }, () => knob.choice ? [...knob.values.slice(1), knob.values[0]] : [knob.values[1], knob.values[0], knob.values[2]]).flat();
          const times = await page.evaluate(timeChanges, [figure.key, knob.name, sequence]);
          rows.push({ path, figure: figure.key, knob: knob.name, runs: knob.runs, first: times[0], median: median(times), max: Math.max(...times) });
        }
      }
      await page.close();
    }
    console.log(`\nKnob → redrawn figure (Chromium, in-page run + redraw + next frame; ${rounds * 3} changes per knob, across its range; target ≤ 300 ms)`);
    console.log('page / figure / knob'.padEnd(58), 'runs'.padStart(4), 'first ms'.padStart(9), 'median ms'.padStart(10), 'max ms'.padStart(8));
    for (const row of rows) {
      console.log(`${row.path || '/'} ${row.figure} ${row.knob}`.padEnd(58), String(row.runs).padStart(4), row.first.toFixed(0).padStart(9), row.median.toFixed(0).padStart(10), row.max.toFixed(0).padStart(8));
    }
    console.log('\nKnob runtime size (gzip -9): JS files before interaction, and what the first figure coming into view loads');
    for (const size of sizes) {
      console.log(`  ${(size.path || '/ (the thread)').padEnd(24)} before ${kb(size.before).padStart(8)}   knob runtime ${kb(size.runtime).padStart(8)} (${size.files} files: runtime, simulator, scenario)`);
    }
  } finally {
    await browser.close();
    server.close();
  }
}

await main();
