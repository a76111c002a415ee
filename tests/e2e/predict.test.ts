/**
 * Predict, then reveal, in Chromium: the figure waits behind a guess made with the
 * keyboard, Reveal shows it and a sentence naming the guess and the simulated ratio
 * (in a live region that takes the focus); tabbing past changes nothing; a link into
 * the figure shows it at once; without JavaScript the figure and the answer are simply
 * there; axe finds nothing in either theme, and a 390 px phone does not scroll sideways.
 */
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { predictionView } from '../../src/page-data/predictions';
import { collectErrors, test, type NewPage, type Site } from './harness';
import { basePath } from './site-pages';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

/** Open a chapter (slug, plus an optional #hash) in a fresh context; the caller closes it. */
/** The test's fixtures a page is opened with (contexts close after each test, even a failed one). */
type Fixtures = { site: Site; newPage: NewPage };

async function open(fx: Fixtures, path: string, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const page = await fx.newPage(options);
  const errors = collectErrors(page);
  await page.goto(`${new URL(fx.site.url).origin}${basePath}${path}`, { waitUntil: 'load' });
  return { page, errors, close: () => page.context().close() };
}

const battle = predictionView('two-cpus/gil-battle');
const convoy = predictionView('when-a-thread-blocks/convoy');

/** The predict block asking about `id`'s figure. */
const block = (page: Page, id: string) => page.locator('gil-predict', { has: page.locator(`gil-playground[data-scenario-id="${id}"]`) });

/** The predict block of `id`'s figure, once its script has hidden the figure and asks for a guess. */
async function askingBlock(page: Page, id: string) {
  const predict = block(page, id);
  await predict.and(page.locator('[data-state="asking"]')).waitFor({ state: 'attached' });
  return predict;
}

describe('predict, then reveal', () => {
  test('a direction guessed with the keyboard, then Reveal: the figure appears and the result names the guess and the ratio', async ({ site, newPage }) => {
    const { page, errors, close } = await open({ site, newPage }, 'two-cpus/');
    const predict = await askingBlock(page, 'two-cpus/gil-battle');
    const figure = predict.locator('.predict-figure');
    await expect(figure.isVisible()).resolves.toBe(false);
    await expect(predict.locator('.predict-result').textContent()).resolves.toBe('');

    await predict.getByRole('radio', { name: 'faster' }).focus();
    await page.keyboard.press('Space');
    await page.keyboard.press('ArrowRight');
    await expect(predict.getByRole('radio', { name: 'about the same' }).isChecked()).resolves.toBe(true);
    await page.keyboard.press('Tab');
    await expect(predict.getByRole('button', { name: 'Reveal' }).evaluate((button) => button === document.activeElement)).resolves.toBe(true);
    await page.keyboard.press('Enter');

    await expect(figure.locator('svg[role="img"]').isVisible()).resolves.toBe(true);
    const status = predict.locator('.predict-result');
    const text = await status.textContent();
    expect(text).toContain('You guessed about the same');
    expect(text).toContain(battle.answer);
    await expect(status.evaluate((element) => element === document.activeElement)).resolves.toBe(true);
    await expect(status.getAttribute('role')).resolves.toBe('status'); // a polite live region
    // The guess is committed: the buttons are gone and the choices can no longer change.
    await expect(predict.getByRole('button', { name: 'Reveal' }).isVisible()).resolves.toBe(false);
    await expect(predict.getByRole('radio', { name: 'slower' }).isDisabled()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  test('an outcome chosen by a click, then Reveal: the misconception\'s guess is told what happened', async ({ site, newPage }) => {
    const race = predictionView('is-my-code-thread-safe/plus-equals');
    const { page, errors, close } = await open({ site, newPage }, 'is-my-code-thread-safe/');
    const predict = await askingBlock(page, 'is-my-code-thread-safe/plus-equals');
    await predict.getByRole('radio', { name: 'exactly 2,000,000' }).check();
    await predict.getByRole('button', { name: 'Reveal' }).click();
    const text = await predict.locator('.predict-result').textContent();
    expect(text).toMatch(/^You guessed exactly 2,000,000; it was far short/);
    expect(text).toContain(race.answer);
    await expect(predict.locator('.predict-figure svg[role="img"]').isVisible()).resolves.toBe(true);
    expect(errors).toEqual([]);
    await close();
  });

  test('turning the number in the sentence while the figure waits for a guess shows the figure', async ({ site, newPage }) => {
    const { page, errors, close } = await open({ site, newPage }, 'is-my-code-thread-safe/');
    const predict = await askingBlock(page, 'is-my-code-thread-safe/plus-equals');
    // The reader scrolls to the sentence: its number comes alive and takes the keyboard.
    await page.locator('.gil-knob-value[data-knob="times"]').scrollIntoViewIfNeeded();
    const times = page.locator('.gil-knob-value[data-knob="times"][data-live]');
    await times.waitFor({ state: 'attached' });
    await times.focus();
    await page.keyboard.press('ArrowLeft');
    await predict.and(page.locator('[data-state="revealed"]')).waitFor({ state: 'attached' });
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(true);
    await expect(predict.locator('.predict-result').textContent()).resolves.toMatch(/^The simulation says far short/);
    expect(new URL(page.url()).searchParams.get('plus-equals.times')).toBe('990000');
    expect(errors).toEqual([]);
    await close();
  });

  test('a ratio slider moved with the arrow keys says its value, and Reveal compares it', async ({ site, newPage }) => {
    const { page, errors, close } = await open({ site, newPage }, 'when-a-thread-blocks/');
    const predict = block(page, 'when-a-thread-blocks/convoy');
    const slider = predict.getByRole('slider', { name: 'Times as long' });
    await slider.focus();
    await page.keyboard.press('End');
    await page.keyboard.press('ArrowLeft');
    const guessed = convoy.choices[convoy.choices.length - 2].label;
    await expect(slider.getAttribute('aria-valuetext')).resolves.toBe(guessed);
    await expect(predict.locator('.predict-guess output').textContent()).resolves.toBe(guessed);
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(false);
    await predict.getByRole('button', { name: 'Reveal' }).press('Enter');
    await expect(predict.locator('.predict-figure svg[role="img"]').isVisible()).resolves.toBe(true);
    const text = await predict.locator('.predict-result').textContent();
    expect(text).toContain(`You guessed ${guessed}`);
    expect(text).toContain(convoy.answer);
    expect(errors).toEqual([]);
    await close();
  });

  test('Reveal without a guess asks for one; "Just show me" shows the figure and the answer', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/');
    const predict = block(page, 'two-cpus/gil-battle');
    await predict.getByRole('button', { name: 'Reveal' }).click();
    await expect(predict.locator('.predict-result').textContent()).resolves.toMatch(/Choose a guess first/);
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(false);
    await predict.getByRole('button', { name: 'Just show me' }).click();
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(true);
    await expect(predict.locator('.predict-result').textContent()).resolves.toBe(battle.shown);
    await close();
  });

  test('tabbing through the whole page chooses, reveals and opens nothing', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/');
    const predict = await askingBlock(page, 'two-cpus/gil-battle');
    const focusables = await page.locator('a[href], button, input, select, textarea, [tabindex="0"]').count();
    for (let i = 0; i < focusables + 5; i++) await page.keyboard.press('Tab');
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(false);
    await expect(predict.locator('input:checked').count()).resolves.toBe(0);
    await expect(predict.getAttribute('data-state')).resolves.toBe('asking');
    await expect(page.locator('gil-playground[data-state="static"]').count()).resolves.toBe(await page.locator('gil-playground').count());
    await close();
  });

  test('a link to an anchor inside the figure shows it without asking', async ({ site, newPage }) => {
    const { page: first, close: closeFirst } = await open({ site, newPage }, 'two-cpus/');
    const anchor = await block(first, 'two-cpus/gil-battle').locator('.predict-figure [id]').first().getAttribute('id');
    await closeFirst();
    const { page, close } = await open({ site, newPage }, `two-cpus/#${anchor}`);
    const predict = block(page, 'two-cpus/gil-battle');
    await predict.and(page.locator('[data-state="revealed"]')).waitFor({ state: 'attached' });
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(true);
    await expect(predict.locator('.predict-result').textContent()).resolves.toBe(battle.shown);
    await close();
  });

  test('a link that sets the figure\'s knobs shows it without asking; a knob for another figure does not', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/?gil-battle.cpus=1');
    const predict = block(page, 'two-cpus/gil-battle');
    await predict.and(page.locator('[data-state="revealed"]')).waitFor({ state: 'attached' });
    await expect(predict.locator('.predict-figure').isVisible()).resolves.toBe(true);
    await close();
    const other = await open({ site, newPage }, 'two-cpus/?processes.work=2');
    await askingBlock(other.page, 'two-cpus/gil-battle');
    await other.close();
  });

  test.for(['two-cpus/', 'when-a-thread-blocks/', 'removing-the-gil/'])('without JavaScript, %s shows the question, the answer and the figure', async (path, { site, newPage }) => {
    const { page, close } = await open({ site, newPage }, path, { javaScriptEnabled: false });
    const predict = page.locator('gil-predict').first();
    await expect(predict.locator('legend').isVisible()).resolves.toBe(true);
    await expect(predict.locator('.predict-figure svg[role="img"]').isVisible()).resolves.toBe(true);
    await expect(predict.locator('.predict-result').textContent()).resolves.toMatch(/^The simulation says/);
    // Nothing to press that would do nothing.
    await expect(predict.locator('button').first().isVisible()).resolves.toBe(false);
    await close();
  });

  describe.each(['light', 'dark'] as const)('axe in the %s theme', (colorScheme) => {
    test.for(['asking', 'revealed'] as const)('the predict block has no violations, %s', async (state, { site, newPage }) => {
      const { page, close } = await open({ site, newPage }, 'when-a-thread-blocks/', { colorScheme });
      const predict = await askingBlock(page, 'when-a-thread-blocks/convoy');
      if (state === 'revealed') await predict.getByRole('button', { name: 'Reveal' }).click();
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Element, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const results = await axe.run(document.querySelector('gil-predict')!, { resultTypes: ['violations'] });
        return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')})`);
      });
      expect(violations).toEqual([]);
      await close();
    });
  });

  test('on a 390 px phone the block fits: no sideways scroll, the buttons side by side or stacked in view', async ({ site, newPage }) => {
    const { page, close } = await open({ site, newPage }, 'two-cpus/', { viewport: { width: 390, height: 844 }, hasTouch: true, isMobile: true });
    const predict = await askingBlock(page, 'two-cpus/gil-battle');
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    for (const name of ['Reveal', 'Just show me']) {
      const box = await predict.getByRole('button', { name }).boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(390);
      expect(box!.height).toBeGreaterThanOrEqual(40); // a finger-sized target
    }
    // Scrolling the block into view brings figures above it into view, which load the knob
    // runtime and redraw; a tap during that once missed the radio on a loaded machine.
    const slower = predict.getByRole('radio', { name: 'slower' });
    await slower.scrollIntoViewIfNeeded();
    await page.waitForLoadState('networkidle');
    await slower.tap();
    await expect.poll(() => slower.isChecked()).toBe(true);
    await predict.getByRole('button', { name: 'Reveal' }).tap();
    await expect(predict.locator('.predict-result').textContent()).resolves.toContain('You guessed slower');
    await close();
  });
});
