/**
 * The playhead and the GIL event list on the playground's timeline, in Chromium: the
 * arrow keys move it and it says where it is; the caption says what each thread is
 * doing and why the GIL last moved; choosing an event moves the playhead there; Play
 * animates, except for readers who ask for reduced motion.
 */
import { describe, expect } from 'vitest';
import type { Page } from 'playwright-core';
import { test, type Site } from './harness';
import { openEditor, replaceCode, runAndWait, scenario, testPage } from './playground-page';

/** Two CPU-bound threads long enough (≈ 13 ms on 3.12) for 5 ms waits to time out into drop requests. */
const battle = scenario(`    const a = yield spawn("count-a", function* () { yield py(5_000_000); });
    const b = yield spawn("count-b", function* () { yield py(5_000_000); });
    yield join(a);
    yield join(b);`);

async function openWithResult(site: Site, page: Page): Promise<void> {
  await page.goto(site.url + testPage);
  await openEditor(page);
  await replaceCode(page, battle);
  expect(await runAndWait(page)).toBe('done');
}

const playhead = (page: Page) => page.locator('.gil-playhead').first();
const caption = (page: Page) => page.locator('.gil-playhead-text').first();

describe('the playhead on the playground timeline', () => {
  test('arrow keys move it; its value text and the caption follow', async ({ site, page }) => {
    await openWithResult(site, page);
    // The first caption is shown but not read aloud: nothing is announced before the reader moves the playhead.
    await expect.poll(() => caption(page).innerText()).toContain('At 0 ms');
    await page.waitForTimeout(600);
    expect(await page.locator('.gil-playhead-caption [aria-live]').first().textContent()).toBe('');
    await playhead(page).focus();
    expect(await playhead(page).getAttribute('role')).toBe('slider');
    expect(await playhead(page).getAttribute('aria-valuetext')).toBe('0 ms');
    for (let i = 0; i < 40; i++) await page.keyboard.press('ArrowRight');
    const text = await playhead(page).getAttribute('aria-valuetext');
    expect(text).toMatch(/^\d+(\.\d+)? ms$/);
    expect(Number.parseFloat(text!)).toBeGreaterThan(4);
    const words = await caption(page).innerText();
    expect(words).toContain(`At ${text}`);
    expect(words).toMatch(/count-a: (running Python|waiting for the GIL)/);
    expect(words).toMatch(/count-(a|b) holds the GIL/);
    await page.keyboard.press('End');
    expect(Number(await playhead(page).getAttribute('aria-valuenow'))).toBe(Number(await playhead(page).getAttribute('aria-valuemax')));
    // The screen-reader copy catches up once the reader stops.
    await page.waitForFunction(() => document.querySelector('.gil-playhead-caption [aria-live]')?.textContent?.includes('finished'));
  });

  test('Next GIL event jumps to a drop request and the caption names its cause', async ({ site, page }) => {
    await openWithResult(site, page);
    let words = '';
    for (let i = 0; i < 12 && !/drop request/.test(words); i++) {
      await page.getByRole('button', { name: 'Next GIL event ▶' }).first().click();
      words = await caption(page).innerText();
    }
    expect(words).toMatch(/Last GIL event, at [\d.]+ ms: (main|count-a|count-b).*drop request/);
  });

  test('choosing an event in "What happened" moves the playhead to it', async ({ site, page }) => {
    await openWithResult(site, page);
    const list = page.locator('.gil-events').first();
    await list.locator('summary').click();
    const third = list.locator('li button').nth(2);
    const label = await third.innerText();
    await third.click();
    const at = label.match(/^([\d.,]+) ms/)![1];
    expect(await playhead(page).getAttribute('aria-valuetext')).toBe(`${at} ms`);
    expect(await third.getAttribute('aria-current')).toBe('true');
    expect(await caption(page).innerText()).toContain(`Last GIL event, at ${at} ms: ${label.slice(label.indexOf('ms') + 2).trim()}`);
  });

  test('Play sweeps the playhead forward and Pause stops it; reduced motion offers no Play', async ({ site, page }) => {
    await openWithResult(site, page);
    const play = page.locator('.gil-playhead-controls button', { hasText: 'Play' }).first();
    await play.click();
    await page.waitForFunction(() => Number(document.querySelector('.gil-playhead')?.getAttribute('aria-valuenow')) > 0.5);
    await page.locator('.gil-playhead-controls button', { hasText: 'Pause' }).first().click();
    const stopped = await playhead(page).getAttribute('aria-valuenow');
    await page.waitForTimeout(300);
    expect(await playhead(page).getAttribute('aria-valuenow')).toBe(stopped);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await expect.poll(() => play.isHidden()).toBe(true); // the media change arrives as an event
    await expect(page.getByRole('button', { name: 'Next GIL event ▶' }).first().isVisible()).resolves.toBe(true);
  });
});

describe('the playhead against hostile and huge runs', () => {
  test('a thread named like markup is shown as text in the caption and the event list, never as markup', async ({ site, page }) => {
    await page.goto(site.url + testPage);
    await openEditor(page);
    const name = '<img src=x onerror="window.pwned=1">';
    await replaceCode(page, scenario(`    const a = yield spawn(${JSON.stringify(name)}, function* () { yield py(5_000_000); });
    const b = yield spawn("b", function* () { yield py(5_000_000); });
    yield join(a);
    yield join(b);`));
    expect(await runAndWait(page)).toBe('done');
    await playhead(page).focus();
    for (let i = 0; i < 30; i++) await page.keyboard.press('ArrowRight');
    expect(await caption(page).innerText()).toContain(name);
    await page.locator('.gil-events summary').first().click();
    // The list is built when the disclosure's toggle event arrives, just after the click.
    await expect.poll(() => page.locator('.gil-events').first().innerText()).toContain(name);
    expect(await page.locator('.gil-playhead-caption img, .gil-events img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
  });

  test('a run of 400 threads: the caption names a few and counts the rest, the event list stops at 300 and says so', async ({ site, page }) => {
    await page.goto(site.url + testPage);
    await openEditor(page);
    await replaceCode(page, scenario(`    const workers = [];
    for (let i = 0; i < 400; i++) workers.push(yield spawn("w" + i, function* () { yield py(300_000); }));
    for (const worker of workers) yield join(worker);`));
    expect(await runAndWait(page)).toBe('done');
    await playhead(page).focus();
    for (let i = 0; i < 50; i++) await page.keyboard.press('ArrowRight');
    const words = await caption(page).innerText();
    expect(words).toMatch(/… and [\d,]+ more threads/);
    expect(await page.locator('.gil-playhead-threads li').first().evaluateAll((items) => items.length)).toBeLessThanOrEqual(9);
    const list = page.locator('.gil-events').first();
    await list.locator('summary').click();
    // The list is built when the disclosure's toggle event arrives, just after the click.
    await expect.poll(() => list.locator('li').count()).toBe(300);
    expect(await list.innerText()).toMatch(/Showing the first 300 of [\d,]+/);
  });
});
