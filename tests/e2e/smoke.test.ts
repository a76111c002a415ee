import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import type { Browser } from 'playwright-core';
import type { Server } from 'node:http';
import { collectErrors, launchChromium, serveDist } from './harness';

describe('built site in Chromium', () => {
  let browser: Browser;
  let server: Server;
  let url: string;
  beforeAll(async () => {
    ({ server, url } = await serveDist());
    browser = await launchChromium();
  });
  afterAll(async () => {
    await browser?.close();
    server?.close();
  });

  test('home page loads with a heading and no console errors', async () => {
    const page = await browser.newPage();
    const errors = collectErrors(page);
    const response = await page.goto(url);
    expect(response?.status()).toBe(200);
    await expect(page.locator('h1').first().textContent()).resolves.toMatch(/GIL/);
    expect(errors).toEqual([]);
  });
});
