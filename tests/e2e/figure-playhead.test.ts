/**
 * The playhead on a live chapter figure (issue 10, item 2), in Chromium: once the figure
 * with knobs is live, its timeline carries the same playhead as the playground's. The
 * arrow keys move it, the caption names each thread's state and why the GIL last moved,
 * "Narrate" picks which of the small multiples it describes, "What happened" moves it,
 * and turning a knob redraws the figure without losing the reader's place.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { collectErrors, test } from './harness';

const figureSelector = '[data-knob-figure="gil-battle"]';

/** The two-CPUs chapter's GIL battle, past its prediction and live. */
async function liveBattle(page: Page): Promise<void> {
  const figure = page.locator(figureSelector);
  await figure.locator('xpath=ancestor::gil-predict').getByRole('button', { name: 'Just show me' }).click();
  await figure.scrollIntoViewIfNeeded();
  await page.waitForSelector(`${figureSelector}[data-knobs="live"] .gil-playhead`);
}

const playhead = (page: Page) => page.locator(`${figureSelector} .gil-playhead`);
const caption = (page: Page) => page.locator(`${figureSelector} .gil-playhead-text`);
const narrate = (page: Page) => page.locator(`${figureSelector} .gil-playhead-narrate select`);

describe('the playhead on a chapter figure', () => {
  test('arrow keys move it over the figure and the caption tells the GIL battle in CPython terms', async ({ site, page }) => {
    const errors = collectErrors(page);
    await page.goto(`${site.url}two-cpus/`);
    await liveBattle(page);
    // Two runs share the axis (1 CPU, 2 CPUs); the caption starts with the first.
    expect(await narrate(page).locator('option').allInnerTexts()).toEqual(['CPython 2.7, 1 CPU', 'CPython 2.7, 2 CPUs']);
    await narrate(page).selectOption({ index: 1 });
    expect(await playhead(page).getAttribute('aria-label')).toBe('Playhead, CPython 2.7, 2 CPUs');
    await playhead(page).focus();
    expect(await playhead(page).getAttribute('role')).toBe('slider');
    for (let i = 0; i < 20; i++) await page.keyboard.press('ArrowRight');
    const at = await playhead(page).getAttribute('aria-valuetext');
    expect(Number.parseFloat(at!)).toBeGreaterThan(0);
    const words = await caption(page).innerText();
    expect(words).toContain(`At ${at}`);
    expect(words).toMatch(/job-1: (running Python|waiting for the GIL)/);
    expect(words).toMatch(/job-(1|2) holds the GIL/);
    // On two CPUs under the old GIL, the waiter keeps losing the race: the next events say so.
    let event = '';
    for (let i = 0; i < 30 && !/failed acquire/.test(event); i++) {
      await page.locator(figureSelector).getByRole('button', { name: 'Next GIL event ▶' }).click();
      event = await caption(page).innerText();
    }
    expect(event).toMatch(/Last GIL event, at [\d.]+ ms: job-(1|2) woke up but job-(1|2) took the GIL (back )?first \(a failed acquire\)/);
    expect(errors).toEqual([]);
  });

  test('choosing an event in "What happened" moves it; turning a knob redraws the figure and keeps its place', async ({ site, page }) => {
    await page.goto(`${site.url}two-cpus/`);
    await liveBattle(page);
    const list = page.locator(`${figureSelector} .gil-events`);
    await list.locator('summary').click();
    await expect.poll(() => list.locator('li button').count()).toBeGreaterThan(3);
    const choice = list.locator('li button').nth(3);
    const time = /^([\d.]+) ms/.exec(await choice.innerText())?.[1];
    expect(time).toBeDefined();
    await choice.click();
    expect(Number.parseFloat((await playhead(page).getAttribute('aria-valuetext'))!)).toBeCloseTo(Number(time), 2);
    const before = await playhead(page).getAttribute('aria-valuetext');

    const renders = () => page.locator(`${figureSelector} .gil-result`).evaluate((element) => Number(element.getAttribute('data-renders') ?? 0));
    const drawn = await renders();
    await page.locator(`${figureSelector} input[data-knob-input="checkInterval"]`).focus();
    await page.keyboard.press('ArrowRight');
    await expect.poll(renders).toBeGreaterThan(drawn);
    // A new playhead over the redrawn timeline, at the same time.
    expect(await playhead(page).count()).toBe(1);
    expect(await playhead(page).getAttribute('aria-valuetext')).toBe(before);
    expect(await caption(page).innerText()).toContain(`At ${before}`);
  });
});
