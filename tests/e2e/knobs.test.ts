/**
 * Knobs in a chapter figure (issue 10, item 1), in real Chromium: a slider or the
 * number in the sentence re-runs the figure, the setting lives in the URL (reload
 * keeps it, back restores the one before), values from a link are clamped with a
 * message, nothing heavy loads, axe is clean, a 390 px phone can use it, and without
 * JavaScript the build's figure stands alone.
 */
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { collectErrors, test, type NewPage, type Site } from './harness';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const figureSelector = '[data-knob-figure="gil-battle"]';

/** The test's fixtures a page is opened with (contexts close after each test, even a failed one). */
type Fixtures = { site: Site; newPage: NewPage };

async function open(fx: Fixtures, path = 'two-cpus/', options: BrowserContextOptions = {}) {
  const page = await fx.newPage(options);
  const errors = collectErrors(page);
  const requests: string[] = [];
  page.on('request', (request) => requests.push(request.url()));
  await page.goto(`${fx.site.url}${path}`);
  return { page, errors, requests, close: () => page.context().close() };
}

/** Scroll the figure into view and wait until its knobs are live. */
async function liveFigure(page: Page) {
  const figure = page.locator(figureSelector);
  // The chapter asks for a guess before this figure; a reader who wants the knobs says "Just show me".
  const show = page.locator('gil-predict[data-state="asking"]', { has: figure }).getByRole('button', { name: 'Just show me' });
  if (await show.count()) await show.click();
  await figure.scrollIntoViewIfNeeded();
  await page.waitForSelector(`${figureSelector}[data-knobs="live"]`);
  return figure;
}

/** Wait until the figure has been redrawn more than `count` times. */
async function redrawnPast(page: Page, count: number) {
  await page.waitForFunction(([selector, previous]) => Number(document.querySelector(`${selector} .gil-result`)?.getAttribute('data-renders') ?? 0) > Number(previous), [figureSelector, count] as const);
}
const renders = (page: Page) => page.locator(`${figureSelector} .gil-result`).evaluate((element) => Number(element.getAttribute('data-renders') ?? 0));
/** The wall time the summary states for the knob-driven run (the second line). */
const wallTime = async (page: Page) => /ran for ([\d.,]+) ms/.exec(await page.locator(`${figureSelector} .gil-summary span`).nth(1).innerText())?.[1];
const cpusSlider = (page: Page) => page.locator(`${figureSelector} input[type="range"][data-knob-input="cpus"]`);
const proseCpus = (page: Page) => page.locator('.gil-knob-value[data-knob="cpus"]');

describe('a figure with knobs', () => {
  test('arrow keys on a slider re-run the figure and put the value in the URL; nothing heavy loads', async ({ site, newPage }) => {
    const { page, errors, requests, close } = await open({ site, newPage });
    await liveFigure(page);
    const before = await wallTime(page);
    const drawn = await renders(page);
    await cpusSlider(page).focus();
    await page.keyboard.press('ArrowLeft');
    await redrawnPast(page, drawn);
    expect(await page.locator(`${figureSelector} output`).first().innerText()).toBe('1 CPU');
    expect(await cpusSlider(page).getAttribute('aria-valuetext')).toBe('1 CPU');
    expect(await wallTime(page)).not.toBe(before);
    expect(await page.locator(`${figureSelector} .gil-summary span`).nth(1).innerText()).toMatch(/^CPython 2\.7, 1 CPU:/);
    expect(new URL(page.url()).searchParams.get('gil-battle.cpus')).toBe('1');
    // The timeline is redrawn too: one CPU lane fewer than the build's two-CPU panel.
    expect(await page.locator(`${figureSelector} .lane-label-cpu`).count()).toBe(2);
    expect(requests.filter((url) => /monaco|esbuild|\.wasm|ts\.worker/i.test(url))).toEqual([]);
    expect(errors).toEqual([]);
    await close();
  });

  test('the runtime choice re-runs it: under 3.12 two CPUs take no longer than one', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage });
    await liveFigure(page);
    const drawn = await renders(page);
    await page.locator(`${figureSelector} select[data-knob-input="runtime"]`).selectOption('cpython-3.12');
    await redrawnPast(page, drawn);
    const lines = await page.locator(`${figureSelector} .gil-summary span`).allInnerTexts();
    expect(lines[0]).toMatch(/^CPython 3\.12, 1 CPU:/);
    expect(lines[1]).toMatch(/^CPython 3\.12, 2 CPUs:/);
    const times = lines.map((line) => Number(/ran for ([\d.,]+) ms/.exec(line)?.[1].replace(/,/g, '')));
    expect(times[1]).toBeLessThan(times[0] * 1.1);
    expect(await page.locator('.gil-knob-value[data-knob="runtime"]').innerText()).toBe('CPython 3.12');
    await close();
  });

  test('reload keeps the knob, and back restores the value before', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage });
    await liveFigure(page);
    const original = await wallTime(page);
    let drawn = await renders(page);
    await cpusSlider(page).focus();
    await page.keyboard.press('ArrowRight');
    await redrawnPast(page, drawn);
    drawn = await renders(page);
    await page.keyboard.press('ArrowRight');
    await redrawnPast(page, drawn);
    expect(new URL(page.url()).searchParams.get('gil-battle.cpus')).toBe('4');
    const fourCpus = await wallTime(page);

    await page.reload();
    // A URL with knob values loads the runtime at once and draws that setting.
    await page.waitForSelector(`${figureSelector}[data-knobs="live"] .gil-result[data-renders]`);
    expect(await cpusSlider(page).inputValue()).toBe('4');
    expect(await proseCpus(page).innerText()).toBe('4 CPUs');
    expect(await wallTime(page)).toBe(fourCpus);

    await page.goBack();
    await page.waitForFunction(() => new URL(location.href).searchParams.get('gil-battle.cpus') === '3');
    await page.waitForFunction((selector) => document.querySelector<HTMLInputElement>(`${selector} input[type="range"]`)?.value === '3', figureSelector);
    expect(await proseCpus(page).innerText()).toBe('3 CPUs');
    await page.goBack();
    await page.waitForFunction((selector) => document.querySelector<HTMLInputElement>(`${selector} input[type="range"]`)?.value === '2', figureSelector);
    expect(new URL(page.url()).search).toBe('');
    await page.waitForFunction(([selector, text]) => document.querySelectorAll(`${selector} .gil-summary span`)[1]?.textContent?.includes(`ran for ${text} ms`), [figureSelector, original] as const);
    await close();
  });

  test('the number in the sentence is a slider bound to the same state', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage });
    await liveFigure(page);
    const prose = proseCpus(page);
    await prose.scrollIntoViewIfNeeded();
    await page.waitForSelector('.gil-knob-value[data-knob="cpus"][role="slider"]');
    expect(await prose.getAttribute('aria-valuetext')).toBe('2 CPUs');
    expect(await prose.getAttribute('aria-label')).toBe('CPUs');
    const drawn = await renders(page);
    await prose.focus();
    await page.keyboard.press('ArrowRight');
    await redrawnPast(page, drawn);
    expect(await prose.innerText()).toBe('3 CPUs');
    expect(await prose.getAttribute('aria-valuetext')).toBe('3 CPUs');
    expect(await cpusSlider(page).inputValue()).toBe('3');
    expect(await page.locator(`${figureSelector} .gil-summary span`).nth(1).innerText()).toMatch(/^CPython 2\.7, 3 CPUs:/);
    // And the other way: the figure's slider moves the sentence's number.
    await cpusSlider(page).focus();
    await page.keyboard.press('Home');
    await page.waitForFunction(() => document.querySelector('.gil-knob-value[data-knob="cpus"]')?.textContent === '1 CPU');
    // A drag on the number scrubs it.
    await prose.scrollIntoViewIfNeeded();
    const box = (await prose.boundingBox())!;
    await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(box.x + box.width / 2 + 60, box.y + box.height / 2, { steps: 6 });
    await page.mouse.up();
    await page.waitForFunction(() => document.querySelector('.gil-knob-value[data-knob="cpus"]')?.textContent === '4 CPUs');
    expect(await cpusSlider(page).inputValue()).toBe('4');
    await close();
  });

  test('values from a link are clamped or refused, and the figure says so', async ({ site, newPage }) => {
    const { page, errors, close } = await open({ site, newPage }, 'two-cpus/?gil-battle.cpus=999&gil-battle.runtime=%3Cscript%3E');
    await page.waitForSelector(`${figureSelector}[data-knobs="live"] .gil-result[data-renders]`);
    const note = page.locator(`${figureSelector} .gil-knob-note`);
    expect(await note.innerText()).toMatch(/CPUs: 999 is outside 1–4; using 4.*Runtime: "<script>" is not one of/);
    expect(await cpusSlider(page).inputValue()).toBe('4');
    expect(await page.locator(`${figureSelector} .gil-summary span`).nth(1).innerText()).toMatch(/^CPython 2\.7, 4 CPUs:/);
    expect(errors).toEqual([]);
    await close();
  });

  test.for(['light', 'dark'] as const)('a turned knob figure has no axe violations (%s)', async (colorScheme, { site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/', { colorScheme });
    await liveFigure(page);
    const drawn = await renders(page);
    await cpusSlider(page).focus();
    await page.keyboard.press('ArrowRight');
    await redrawnPast(page, drawn);
    await page.addScriptTag({ path: axePath });
    const violations = await page.evaluate(async (selector) => {
      const axe = (window as unknown as { axe: { run(context: Element[], options: object): Promise<{ violations: { id: string; nodes: { target: string[] }[] }[] }> } }).axe;
      const context = [document.querySelector(selector)!, ...document.querySelectorAll('.gil-knob-value')];
      const results = await axe.run(context, { resultTypes: ['violations'] });
      return results.violations.map((violation) => `${violation.id}: ${violation.nodes.map((node) => node.target.join(' ')).join(', ')}`);
    }, figureSelector);
    expect(violations).toEqual([]);
    await close();
  });

  test('on a 390 px phone the knobs fit and a tap moves the slider', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/', { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 });
    await liveFigure(page);
    const panel = page.locator(`${figureSelector} .gil-knobs`);
    const overflow = await panel.evaluate((element) => element.scrollWidth - element.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
    const slider = cpusSlider(page);
    const box = (await slider.boundingBox())!;
    expect(box.height).toBeGreaterThanOrEqual(24);
    expect(box.width).toBeGreaterThanOrEqual(120);
    const drawn = await renders(page);
    await page.touchscreen.tap(box.x + box.width - 4, box.y + box.height / 2);
    await redrawnPast(page, drawn);
    expect(await slider.inputValue()).toBe('4');
    await close();
  });

  test("Edit & run keeps a figure's variants, a knob a variant pins included, with the build's labels", async ({ site, newPage }) => {
    const { page, errors, close } = await open({ site, newPage });
    const figure = page.locator('[data-knob-figure="processes"]');
    await figure.scrollIntoViewIfNeeded();
    await figure.locator('[data-action="edit"]').click();
    await page.waitForSelector('[data-knob-figure="processes"] gil-playground[data-state="ready"]', { timeout: 60_000 });
    await figure.getByRole('button', { name: /^Run/ }).first().click();
    await page.waitForFunction(() => document.querySelector('[data-knob-figure="processes"] gil-playground')?.getAttribute('data-outcome') === 'done', null, { timeout: 60_000 });
    const captions = await figure.locator('.gil-timeline figcaption').allInnerTexts();
    expect(captions.map((caption) => caption.replace(/ — .*$/, ''))).toEqual(['One thread, both jobs', 'Two processes, fork']);
    // Both jobs in one thread take longer than the two processes at this size.
    const [sequential, processes] = captions.map((caption) => Number(/— ([\d.]+) ms/.exec(caption)?.[1]));
    expect(sequential).toBeGreaterThan(processes);
    expect(errors).toEqual([]);
    await close();
  });

  test('without JavaScript the build-time figure is shown and the knobs are not', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/', { javaScriptEnabled: false });
    const figure = page.locator(figureSelector);
    await expect(figure.locator('svg[role="img"]').isVisible()).resolves.toBe(true);
    await expect(figure.locator('.gil-knobs').isVisible()).resolves.toBe(false);
    expect(await figure.locator('.gil-summary span').nth(1).innerText()).toMatch(/^CPython 2\.7, 2 CPUs: .*ran for [\d.]+ ms/);
    expect(await proseCpus(page).innerText()).toBe('2 CPUs');
    expect(await proseCpus(page).getAttribute('role')).toBeNull();
    await close();
  });
});
