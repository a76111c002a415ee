import { describe, expect, test } from 'vitest';
import { collectErrors, siteInChromium } from './harness';

describe('built site in Chromium', () => {
  const site = siteInChromium();

  test('home page loads with a heading and no console errors', async () => {
    const page = await site.browser.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(site.url);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/GIL/);
    expect(errors).toEqual([]);
  });
});
