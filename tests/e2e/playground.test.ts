/**
 * The playground in real Chromium, against the built site: open, edit, run,
 * errors, runaway scenarios, isolation, persistence, sharing, mobile, compare.
 * Uses the first built chapter with a playground when there is one (the test page
 * `/test/playground/` otherwise, which renders the same contract).
 */
import { beforeAll, describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { readdir, readFile } from 'node:fs/promises';
import { spawnSync } from 'node:child_process';
import { join, relative } from 'node:path';
import { gzipSync } from 'node:zlib';
import { collectErrors, test, type NewPage } from './harness';

const distDir = new URL('../../dist/', import.meta.url).pathname;
const testPage = 'test/playground/';

/** The first built chapter page that embeds a playground, as a path under the base URL. */
async function findChapterWithPlayground(): Promise<string | undefined> {
  const walk = async (dir: string): Promise<string[]> => {
    const entries = await readdir(dir, { withFileTypes: true }).catch(() => []);
    const nested = await Promise.all(entries.map((entry) => (entry.isDirectory() ? walk(join(dir, entry.name)) : Promise.resolve(entry.name === 'index.html' ? [join(dir, entry.name)] : []))));
    return nested.flat();
  };
  for (const file of (await walk(distDir)).sort()) {
    const path = relative(distDir, file).replace(/index\.html$/, '');
    if (path.startsWith('test/') || path.startsWith('playground/')) continue;
    if ((await readFile(file, 'utf8')).includes('<gil-playground')) return path;
  }
  return undefined;
}

/** Source of the fixture scenario on the test page (tests/e2e/fixtures/playground-scenario.ts). */

const normalize = (text: string) => text.replace(/\u00a0/g, ' ');

async function openEditor(page: Page, selector = 'gil-playground'): Promise<void> {
  await page.locator(`${selector} [data-action="edit"]`).first().click();
  await page.waitForSelector(`${selector}[data-state="ready"]`, { timeout: 60_000 });
}

/** Replace all the code in the editor by typing (Monaco or textarea). */
async function replaceCode(page: Page, code: string): Promise<void> {
  const editorKind = await page.getAttribute('gil-playground', 'data-editor');
  if (editorKind === 'monaco') {
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('ControlOrMeta+A');
    await page.keyboard.press('Delete');
    // insertText avoids Monaco's auto-closing brackets doubling what we type.
    await page.keyboard.insertText(code);
  } else {
    await page.locator('.gil-textarea-editor textarea').fill(code);
  }
}

async function editorText(page: Page): Promise<string> {
  const editorKind = await page.getAttribute('gil-playground', 'data-editor');
  if (editorKind === 'monaco') return normalize(await page.locator('.gil-monaco .view-lines').innerText());
  return page.locator('.gil-textarea-editor textarea').inputValue();
}

/** Press Run (or the shortcut) and wait for the run count to move on or an outcome to appear. */
async function runAndWait(page: Page, how: 'shortcut' | 'button' = 'button'): Promise<string> {
  const before = await page.evaluate(() => {
    const host = document.querySelector<HTMLElement>('gil-playground')!;
    delete host.dataset.outcome;
    return host.dataset.runs ?? '0';
  });
  if (how === 'shortcut') {
    await page.locator('.gil-monaco .view-lines, .gil-textarea-editor textarea').first().click();
    await page.keyboard.press('ControlOrMeta+Enter');
  } else {
    await page.click('gil-playground [data-action="run"]');
  }
  await page.waitForFunction((runs) => {
    const host = document.querySelector<HTMLElement>('gil-playground')!;
    return host.dataset.outcome && (host.dataset.outcome !== 'done' || host.dataset.runs !== runs);
  }, before, { timeout: 60_000 });
  return (await page.getAttribute('gil-playground', 'data-outcome')) ?? '';
}

async function metricCells(page: Page, metric: string): Promise<string[]> {
  return page.locator('.gil-metrics tbody tr', { hasText: metric }).first().locator('td').allInnerTexts();
}

const scenario = (body: string, extra = '') => `import { defineScenario, py, spawn, join, log } from "gilsim";
${extra}
export default defineScenario({
  title: "Test",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
${body}
  },
});
`;

describe('playground in Chromium', () => {
  let chapter: string | undefined;

  beforeAll(async () => {
    chapter = await findChapterWithPlayground();
  });

  /** A page whose context may use the clipboard (Share copies the link). */
  const freshPage = async (newPage: NewPage, viewport = { width: 1280, height: 900 }) => {
    const page = await newPage({ viewport });
    await page.context().grantPermissions(['clipboard-read', 'clipboard-write']).catch(() => undefined);
    return page;
  };

  test('a chapter ships little JS before the reader asks, and loads neither Monaco nor esbuild', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    const scripts: { url: string; gzip: number }[] = [];
    const requested: string[] = [];
    page.on('request', (request) => requested.push(request.url()));
    page.on('response', async (response) => {
      if (response.request().resourceType() === 'script') {
        const body = await response.body().catch(() => Buffer.alloc(0));
        scripts.push({ url: response.url(), gzip: gzipSync(body).length });
      }
    });
    await page.goto(site.url + (chapter ?? testPage), { waitUntil: 'networkidle' });
    const total = scripts.reduce((sum, script) => sum + script.gzip, 0);
    expect(await page.locator('gil-playground').count()).toBeGreaterThan(0);
    expect(total, scripts.map((s) => `${s.url} ${s.gzip}`).join('\n')).toBeLessThanOrEqual(20 * 1024);
    expect(requested.filter((request) => /editor\.api|monaco|esbuild|ts\.worker|run-worker/.test(request))).toEqual([]);
  });

  test('open the editor, type a change, run with the shortcut: the timeline and metrics change', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    const errors = collectErrors(page);
    await page.goto(site.url + testPage);
    await expect(page.locator('.gil-static-code').isVisible()).resolves.toBe(true);
    await openEditor(page);
    expect(await page.getAttribute('gil-playground', 'data-editor')).toBe('monaco');
    await expect(page.locator('.gil-static-code').isVisible()).resolves.toBe(false);
    expect(await runAndWait(page, 'shortcut')).toBe('done');
    expect(await page.locator('.gil-timeline canvas').count()).toBe(1);
    const wallBefore = await metricCells(page, 'Wall time');
    const lanesBefore = await page.locator('.gil-metrics tbody tr', { hasText: 'CPU / GIL wait' }).count();
    expect(await page.locator('.gil-console-output').innerText()).toContain('both done');
    expect(await page.locator('.gil-result').isVisible()).toBe(false);

    await replaceCode(page, scenario(`    const a = yield spawn("worker-a", function* () { yield py(4_000_000); });
    const b = yield spawn("worker-b", function* () { yield py(400_000); });
    const c = yield spawn("worker-c", function* () { yield py(400_000); });
    yield join(a); yield join(b); yield join(c);
    log("three done");`));
    expect(await runAndWait(page, 'shortcut')).toBe('done');
    const wallAfter = await metricCells(page, 'Wall time');
    expect(wallAfter).not.toEqual(wallBefore);
    expect(await page.locator('.gil-metrics tbody tr', { hasText: 'CPU / GIL wait' }).count()).toBe(lanesBefore + 1);
    expect(await page.locator('.gil-console-output').innerText()).toContain('three done');
    // The canvas really painted the lanes (not just a blank element).
    const painted = await page.locator('.gil-timeline canvas').evaluate((canvas: HTMLCanvasElement) => {
      const context = canvas.getContext('2d')!;
      const data = context.getImageData(0, 0, canvas.width, canvas.height).data;
      const colours = new Set<number>();
      for (let i = 0; i < data.length; i += 16) colours.add((data[i] << 16) | (data[i + 1] << 8) | data[i + 2]);
      return colours.size;
    });
    expect(painted).toBeGreaterThan(4);
    expect(errors).toEqual([]);
  });

  test('hovering an interval highlights its line, and a line outlines its intervals', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    expect(await runAndWait(page)).toBe('done');
    const canvas = page.locator('.gil-timeline canvas');
    const box = (await canvas.boundingBox())!;
    // Lane 1 (worker-a): somewhere it runs the Python of its spawn body (line 9).
    let tooltip = '';
    for (let fraction = 0.1; fraction < 1 && !/line 9$/.test(tooltip); fraction += 0.05) {
      await page.mouse.move(box.x + 92 + (box.width - 92) * fraction, box.y + 4 + 20 + 8);
      tooltip = (await page.locator('.gil-timeline-tooltip:not([hidden])').innerText().catch(() => '')) ?? '';
    }
    expect(tooltip).toMatch(/^worker-a: python · start .* · duration .* · line 9$/);
    await page.waitForSelector('.gil-monaco .gil-line-highlight');
    await page.mouse.move(0, 0);
    await page.waitForSelector('.gil-monaco .gil-line-highlight', { state: 'detached' });
    // The reverse: putting the cursor on line 9 redraws the timeline with its intervals
    // outlined, and on a line that made none (the import) without outlines again.
    const pixels = () => canvas.evaluate((element) => (element as HTMLCanvasElement).toDataURL());
    const cursorOnLine = async (line: number) => {
      const drawn = Number(await canvas.getAttribute('data-drawn'));
      await page.locator('.gil-monaco .view-line').nth(line - 1).click();
      await page.waitForFunction((count) => Number(document.querySelector('.gil-timeline canvas')?.getAttribute('data-drawn')) > count, drawn);
      return pixels();
    };
    const plain = await pixels();
    expect(await cursorOnLine(9)).not.toBe(plain);
    expect(await cursorOnLine(1)).toBe(plain);
  });

  test('a syntax error shows a marker at the right line and a message under the editor', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    yield py(1000;'));
    expect(await runAndWait(page)).toBe('compile-error');
    const message = await page.locator('.gil-messages').innerText();
    expect(message).toMatch(/Line 8, column \d+: Expected "\)"/);
    // Monaco draws the squiggle in the overlay row of line 8.
    await page.waitForSelector('.gil-monaco .squiggly-error');
    const row = await page.locator('.gil-monaco .squiggly-error').first().evaluate((squiggle) => {
      const middle = squiggle.getBoundingClientRect().top + squiggle.getBoundingClientRect().height / 2;
      const numbers = [...document.querySelectorAll<HTMLElement>('.gil-monaco .line-numbers')];
      const number = numbers.find((element) => {
        const rect = element.getBoundingClientRect();
        return rect.top <= middle && middle <= rect.bottom;
      });
      return Number(number?.textContent);
    });
    expect(row).toBe(8);
  });

  test('a runtime error points at the scenario line that threw', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    yield py(10);\n    throw new Error("boom");'));
    expect(await runAndWait(page)).toBe('runtime-error');
    expect(await page.locator('.gil-messages').innerText()).toMatch(/Line 9: .*boom/);
  });

  test('a bad increment() names the argument at the scenario line; a good one shows the shared variable', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    const extra = 'import { increment, Shared } from "gilsim";';
    await replaceCode(page, scenario('    yield increment(new Shared("counter"), { times: -1 });', extra));
    expect(await runAndWait(page)).toBe('runtime-error');
    expect(await page.locator('.gil-messages').innerText()).toMatch(/Line 8: .*times must be a whole number >= 0, got -1/);
    await replaceCode(page, scenario('    const counter = new Shared("counter");\n    yield increment(counter, { times: 1000, via: "call" });', extra));
    expect(await runAndWait(page)).toBe('done');
    expect(normalize(await page.locator('table.gil-metrics').innerText())).toMatch(/Shared counter\s+1,000 of 1,000 \(none lost\)/);
  });

  test('while (true) {} is stopped by the budget, the page stays responsive, and the next run works', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    while (true) {}'));
    await page.click('gil-playground [data-action="run"]');
    await page.waitForSelector('gil-playground[data-running]');
    // While it spins, the page still answers and can be used: Share reacts to a click.
    expect(await page.evaluate(() => 6 * 7)).toBe(42);
    await page.click('[data-action="share"]');
    await page.waitForSelector('.gil-share-url:not([hidden])');
    expect(await page.locator('gil-playground[data-running]').count()).toBe(1);
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome === 'stopped', null, { timeout: 30_000 });
    expect(await page.locator('.gil-status').innerText()).toMatch(/Stopped after 10 s/);
    // Stop ends one at once too.
    await page.click('gil-playground [data-action="run"]');
    await page.waitForSelector('gil-playground[data-running]');
    await page.evaluate(() => delete document.querySelector<HTMLElement>('gil-playground')!.dataset.outcome);
    await page.click('gil-playground [data-action="stop"]');
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome === 'stopped', null, { timeout: 3000 });
    expect(await page.locator('.gil-status').innerText()).toMatch(/^Stopped\./);
    await replaceCode(page, scenario('    yield py(1000);'));
    expect(await runAndWait(page)).toBe('done');
  });

  test('a scenario cannot read the site\'s localStorage, cookies or DOM', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await page.evaluate(() => {
      localStorage.setItem('site-secret', 'hunter2');
      // biome-ignore lint/suspicious/noDocumentCookie: the test plants a cookie to show a scenario cannot read it.
      document.cookie = 'session=cookie-secret; path=/';
    });
    await openEditor(page);
    await replaceCode(page, scenario(`    yield py(10);
    for (const [name, read] of [
      ["storage", () => localStorage.getItem("site-secret")],
      ["cookie", () => document.cookie],
      ["parent", () => (self as any).parent.document.title],
      ["opener", () => (self as any).top.localStorage.getItem("site-secret")],
    ] as const) {
      try { log(name + " read: " + String(read())); } catch (error) { log(name + " blocked: " + String(error)); }
    }`));
    expect(await runAndWait(page)).toBe('done');
    const output = await page.locator('.gil-console-output').innerText();
    expect(output).not.toContain('hunter2');
    expect(output).not.toContain('cookie-secret');
    expect(output).toContain('storage blocked');
    expect(output).toContain('cookie blocked');
    expect(output).toMatch(/parent (blocked|read: undefined)/);
  });

  test('an edit survives a reload; Reset restores the original and can be undone', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    const original = await editorText(page);
    await replaceCode(page, scenario('    yield py(12345);'));
    await page.waitForSelector('.gil-modified:not([hidden])');
    await page.reload();
    await openEditor(page);
    await expect.poll(() => editorText(page)).toContain('py(12345)');
    expect(await page.locator('.gil-modified').isVisible()).toBe(true);

    await page.click('[data-action="reset"]');
    await expect.poll(() => editorText(page)).toBe(original);
    expect(await page.locator('.gil-modified').isVisible()).toBe(false);
    await page.click('[data-action="undo-reset"]');
    await expect.poll(() => editorText(page)).toContain('py(12345)');
    // Reset is also undoable with the editor's own undo.
    await page.click('[data-action="reset"]');
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('ControlOrMeta+Z');
    await expect.poll(() => editorText(page)).toContain('py(12345)');
  });

  test('Escape then Tab leaves the editor (no focus trap)', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('Tab'); // Tab alone indents, staying in the editor
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.gil-monaco')))).toBe(true);
    await page.keyboard.press('Escape');
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.gil-monaco')))).toBe(false);
    // And backwards: Escape, then Shift+Tab (the Shift press comes between the two).
    await page.locator('.gil-monaco .view-lines').click();
    await page.keyboard.press('Escape');
    await page.keyboard.press('Shift+Tab');
    expect(await page.evaluate(() => Boolean(document.activeElement?.closest('.gil-monaco')))).toBe(false);
  });

  test('a share link round-trips the code and settings and does not run on its own', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    yield py(777);'));
    await page.selectOption('select[name="runtime"]', 'cpython-2.7');
    await page.fill('input[name="cpus"]', '4');
    await page.click('[data-action="share"]');
    const link = await page.locator('.gil-share-url').inputValue();
    expect(link).toMatch(/#gil2\//);
    await page.context().close(); // the link opens in a fresh profile

    const other = await freshPage(newPage);
    const requested: string[] = [];
    other.on('request', (request) => requested.push(request.url()));
    await other.goto(link);
    await other.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => editorText(other)).toContain('py(777)');
    expect(await other.inputValue('select[name="runtime"]')).toBe('cpython-2.7');
    expect(await other.inputValue('input[name="cpus"]')).toBe('4');
    expect(await other.locator('.gil-messages').innerText()).toMatch(/Nothing has run/);
    await other.waitForTimeout(1500);
    expect(await other.getAttribute('gil-playground', 'data-outcome')).toBeNull();
    expect(requested.some((request) => request.includes('run-worker'))).toBe(true); // preloaded, yet not run
    expect(await other.locator('.gil-results').isVisible()).toBe(false);
    expect(await runAndWait(other)).toBe('done');
    expect(await metricCells(other, 'GIL checks')).not.toEqual(['0']); // cpython-2.7 from the link
  });

  test('compare mode shows two runs on one axis with a metrics column each', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await page.check('input[name="compare"]');
    expect(await runAndWait(page)).toBe('done');
    expect(await page.locator('.gil-timeline').count()).toBe(2);
    const captions = await page.locator('.gil-timeline figcaption').allInnerTexts();
    expect(captions[0]).toMatch(/CPython 2\.7, 2 CPUs/);
    expect(captions[1]).toMatch(/CPython 3\.12, 2 CPUs/);
    expect(await page.locator('.gil-metrics thead th').count()).toBe(3);
    const [old, current] = await metricCells(page, 'Wall time');
    expect(old).not.toBe(current);
    // Zooming one zooms both (one time axis).
    const first = page.locator('.gil-timeline canvas').first();
    const second = page.locator('.gil-timeline canvas').nth(1);
    const drawn = Number(await second.getAttribute('data-drawn'));
    await first.focus();
    await page.keyboard.press('+');
    await page.waitForFunction((count) => Number(document.querySelectorAll('.gil-timeline canvas')[1]?.getAttribute('data-drawn')) > count, drawn);
  });

  test('bad control values get a clear message and nothing runs', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await page.fill('input[name="cpus"]', '100');
    await page.click('gil-playground [data-action="run"]');
    await expect(page.locator('.gil-field-cpus .gil-field-error').innerText()).resolves.toMatch(/1 to 64/);
    expect(await page.getAttribute('gil-playground', 'data-outcome')).toBeNull();
    await page.fill('input[name="cpus"]', '1');
    expect(await runAndWait(page)).toBe('done');
    expect(await page.locator('.gil-timeline canvas').count()).toBe(1);
  });

  test('at 390×844 (touch) the plain editor runs the same way and nothing overflows', async ({ site, newPage }) => {
    const page = await newPage({ viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true });
    const errors = collectErrors(page);
    await page.goto(site.url + testPage);
    await page.locator('[data-action="edit"]').tap();
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.getAttribute('gil-playground', 'data-editor')).toBe('textarea');
    await replaceCode(page, scenario('    yield py(50_000);\n    log("from a phone");'));
    await page.locator('gil-playground [data-action="run"]').tap();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome, null, { timeout: 60_000 });
    expect(await page.getAttribute('gil-playground', 'data-outcome')).toBe('done');
    expect(await page.locator('.gil-console-output').innerText()).toContain('from a phone');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const canvasWidth = await page.locator('.gil-timeline canvas').evaluate((canvas) => canvas.getBoundingClientRect().width);
    expect(canvasWidth).toBeLessThanOrEqual(390);
    await page.reload();
    await page.locator('[data-action="edit"]').tap();
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await expect.poll(() => editorText(page)).toContain('from a phone');
    expect(errors).toEqual([]);
  });

  test('a scenario that never ends is stopped by the event budget, and says so', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    for (;;) yield py(1);'));
    expect(await runAndWait(page)).toBe('runtime-error');
    expect(await page.locator('.gil-messages').innerText()).toMatch(/stopped after 3,?000,?000 (events|operations).*stops each run after 3,000,000 simulator events/s);
  });

  test('TypeScript knows gilsim: type errors are marked and hover shows the API docs, before any run', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario('    yield py("many");'));
    await page.waitForSelector('.gil-monaco .squiggly-error', { timeout: 30_000 });
    expect(await page.getAttribute('gil-playground', 'data-outcome')).toBeNull();
    const target = await page.evaluate(() => {
      const span = [...document.querySelectorAll('.gil-monaco .view-line span span')].find((element) => element.textContent?.trim() === 'py' && element.parentElement?.textContent?.includes('many'));
      const rect = span!.getBoundingClientRect();
      return { x: rect.right - 5, y: rect.y + rect.height / 2 };
    });
    await page.mouse.move(target.x, target.y);
    await page.waitForSelector('.monaco-hover:not(.hidden)', { timeout: 30_000 });
    await page.waitForFunction(() => /bytecodes/.test(document.querySelector('.monaco-hover')?.textContent ?? ''), null, { timeout: 30_000 });
    expect(await page.locator('.monaco-hover').first().innerText()).toMatch(/py\(bytecodes: number\)/);
  });

  test('export: trace JSON, metrics CSV, timeline SVG and PNG, and the scenario as a Python program', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + testPage);
    await openEditor(page);
    expect(await runAndWait(page)).toBe('done');
    await page.click('.gil-export summary');
    const save = async (action: string) => {
      const [download] = await Promise.all([page.waitForEvent('download'), page.click(`[data-action="${action}"]`)]);
      const path = await download.path();
      return { name: download.suggestedFilename(), body: await readFile(path) };
    };
    const json = await save('export-json');
    expect(json.name).toBe('test-two-threads-trace.json');
    expect(JSON.parse(json.body.toString()).runs[0].trace.threads.map((t: { name: string }) => t.name)).toContain('worker-a');
    const csv = await save('export-csv');
    expect(csv.body.toString()).toMatch(/^metric,unit,As written\nWall time,ms,/);
    const svg = await save('export-svg');
    expect(svg.body.toString()).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[\s\S]*worker-a[\s\S]*<\/svg>/);
    const png = await save('export-png');
    expect([...png.body.subarray(0, 4)]).toEqual([0x89, 0x50, 0x4e, 0x47]);
    // The same scenario as a real Python program, written in the sandbox, that compiles under python3.
    const python = await save('export-python');
    expect(python.name).toBe('test-two-threads.py');
    const program = python.body.toString();
    expect(program).toMatch(/^#!\/usr\/bin\/env python3/);
    expect(program).toContain('worker-a');
    const checked = spawnSync('python3', ['-c', 'import sys; compile(sys.stdin.read(), "exported.py", "exec")'], { input: program, encoding: 'utf8' });
    expect(checked.stderr).toBe('');
    expect(checked.status).toBe(0);
  });

  test.for(['light', 'dark'] as const)('the open playground, with a result, has no axe violations (%s)', async (colorScheme, { site, newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 900 }, colorScheme });
    await page.goto(site.url + (chapter ?? testPage));
    await page.locator('gil-playground [data-action="edit"]').first().click();
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await page.locator('gil-playground [data-action="run"]').first().click();
    await page.waitForFunction(() => document.querySelector<HTMLElement>('gil-playground')?.dataset.outcome, null, { timeout: 60_000 });
    await page.locator('.gil-export summary').first().click();
    await page.addScriptTag({ path: new URL('../../node_modules/axe-core/axe.min.js', import.meta.url).pathname });
    const violations = await page.evaluate(async () => {
      const axe = (window as unknown as { axe: { run(context: Element, options: unknown): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const result = await axe.run(document.querySelector('gil-playground')!, { runOnly: ['wcag2a', 'wcag2aa', 'wcag21aa'] });
      return result.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    });
    expect(violations).toEqual([]);
  });

  test('the full-page playground opens its editor with an examples menu', async ({ site, newPage }) => {
    const page = await freshPage(newPage);
    await page.goto(site.url + 'test/full-playground/');
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    expect(await page.locator('.gil-examples-menu option').count()).toBeGreaterThan(3);
    const value = await page.locator('.gil-examples-menu option').nth(1).getAttribute('value');
    await page.selectOption('.gil-examples-menu', value!);
    await page.waitForFunction(() => document.querySelector('gil-playground')?.hasAttribute('data-modified'));
    expect(await runAndWait(page)).toBe('done');
  });
});

describe('playground with a chapter\'s variants', () => {

  test('Run redraws the chapter\'s small multiples live, with the parameters each variant fixed', async ({ site, newPage }) => {
    const page = await newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(site.url + 'test/playground-variants/');
    await openEditor(page);
    expect(await page.isChecked('input[name="compare"]')).toBe(true);
    expect(await runAndWait(page)).toBe('done');
    expect(await page.locator('.gil-timeline figcaption').allInnerTexts()).toEqual([
      expect.stringMatching(/^Switch every 5 ms/), expect.stringMatching(/^Switch every 0\.1 ms/),
    ]);
    // The 0.1 ms switch interval reached the engine: far more GIL hand-offs.
    const [slow, fast] = (await metricCells(page, 'GIL hand-offs')).map((cell) => Number(cell.replace(/,/g, '')));
    expect(fast).toBeGreaterThan(slow * 3);
  });
});
