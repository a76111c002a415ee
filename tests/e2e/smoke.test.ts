import { describe, expect } from 'vitest';
import { collectErrors, test } from './harness';

describe('built site in Chromium', () => {
  test('home page loads with a heading and no console errors', async ({ site, page }) => {
    const errors = collectErrors(page);
    const response = await page.goto(site.url);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/GIL/);
    expect(errors).toEqual([]);
  });
});

describe('the browser-test fixtures', () => {
  let pages = 0;
  test.fails('a test that fails half-way, with pages open (it must fail: the next test checks what it left)', async ({ page, newPage }) => {
    await newPage({ viewport: { width: 390, height: 844 } });
    pages = page.context().browser()!.contexts().length;
    throw new Error('planted failure');
  });

  test('...leaves no context open after it', ({ site }) => {
    expect(pages).toBe(2);
    expect(site.browser.contexts()).toEqual([]);
  });
});
