/**
 * The built site in real Chromium: pages load cleanly, search finds a chapter, the
 * theme choice persists, axe finds no violations in either theme, the build-time
 * timeline shows without JavaScript, and nothing scrolls sideways at 360 px.
 */
import { createRequire } from 'node:module';
import { describe, expect } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ELEMENT_NODE, TEXT_NODE } from 'ultrahtml';
import { collectErrors, test, type NewPage, type Site } from './harness';
import { chapterPages, readerPages, elements, type BuiltPage } from './site-pages';

const axePath = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const pages = readerPages();
const chapters = chapterPages();

/** Open a page of the site in a fresh context (the `newPage` fixture closes it after the test). */
async function open(newPage: NewPage, served: Site, site: BuiltPage, options: BrowserContextOptions = {}): Promise<{ page: Page; errors: string[] }> {
  const page = await newPage(options);
  const errors = collectErrors(page);
  await page.goto(new URL(served.url).origin + site.urlPath, { waitUntil: 'load' });
  return { page, errors };
}

/** Visible words of a page's searchable body (what Pagefind indexes). */
function indexedWords(site: BuiltPage): Set<string> {
  const [body] = elements(site.document, (node) => node.attributes['data-pagefind-body'] !== undefined);
  const text: string[] = [];
  const collect = (node: typeof body) => {
    if (node.type === ELEMENT_NODE && ['script', 'style', 'svg'].includes(node.name)) return;
    if (node.type === TEXT_NODE) text.push(node.value);
    node.children?.forEach(collect);
  };
  if (body) collect(body);
  return new Set(text.join(' ').toLowerCase().match(/[a-z]{8,}/g) ?? []);
}

describe('site in Chromium', () => {
  test.for(pages.map((site) => [site.urlPath, site] as const))('%s loads with no console errors', async ([_url, site], { newPage, site: served }) => {
    const { page, errors } = await open(newPage, served, site);
    await expect(page.locator('h1').first().textContent()).resolves.toBeTruthy();
    await page.waitForLoadState('networkidle');
    expect(errors).toEqual([]);
  });

  test('search finds a chapter by a word that appears only in it', async ({ newPage, site: served }) => {
    const words = chapters.map(indexedWords);
    // The first chapter (in file order) with a long word no other chapter uses.
    let target: { site: BuiltPage; word: string } | undefined;
    for (const [index, site] of chapters.entries()) {
      const word = [...words[index]].sort().find((candidate) => words.every((other, j) => j === index || !other.has(candidate)));
      if (word) { target = { site, word }; break; }
    }
    expect(target, 'some chapter has a word of its own').toBeDefined();
    const { page, errors } = await open(newPage, served, chapters[0]);
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search the site' });
    await expect(dialog.isVisible()).resolves.toBe(true);
    await dialog.getByRole('searchbox').fill(target!.word);
    const firstResult = dialog.locator('.search-results a').first();
    await firstResult.waitFor({ timeout: 10_000 });
    const hrefs = await dialog.locator('.search-results a').evaluateAll((links) => links.map((link) => new URL((link as HTMLAnchorElement).href).pathname));
    expect(hrefs, `results for "${target!.word}"`).toContain(target!.site.urlPath);
    await firstResult.click();
    await page.waitForURL((url) => url.pathname === target!.site.urlPath);
    expect(errors).toEqual([]);
  });

  test('the theme choice persists across a reload and overrides the system theme', async ({ newPage, site: served }) => {
    const { page } = await open(newPage, served, chapters[0], { colorScheme: 'light' });
    const theme = () => page.evaluate(() => document.documentElement.dataset.theme);
    await expect(theme()).resolves.toBe('light');
    const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
    const lightBackground = await background();
    await page.getByLabel('Theme').selectOption('dark');
    await expect(theme()).resolves.toBe('dark');
    await page.reload();
    await expect(theme()).resolves.toBe('dark');
    await expect(page.getByLabel('Theme').inputValue()).resolves.toBe('dark');
    expect(await background()).not.toBe(lightBackground);
    await page.getByLabel('Theme').selectOption('auto');
    await page.reload();
    await expect(theme()).resolves.toBe('light');
  });

  describe.each(['light', 'dark'] as const)('axe in the %s theme', (colorScheme) => {
    test.for(pages.map((site) => [site.urlPath, site] as const))('%s has no violations', async ([_url, site], { newPage, site: served }) => {
      const { page } = await open(newPage, served, site, { colorScheme });
      await expect(page.evaluate(() => document.documentElement.dataset.theme)).resolves.toBe(colorScheme);
      await page.addScriptTag({ path: axePath });
      const violations = await page.evaluate(async () => {
        const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: { id: string; help: string; nodes: { target: string[] }[] }[] }> } }).axe;
        const results = await axe.run(document, { resultTypes: ['violations'] });
        return results.violations.map((violation) => `${violation.id}: ${violation.help} (${violation.nodes.slice(0, 3).map((node) => node.target.join(' ')).join(', ')}${violation.nodes.length > 3 ? `, +${violation.nodes.length - 3}` : ''})`);
      });
      expect(violations).toEqual([]);
    });
  });

  test('without JavaScript a chapter shows its build-time timeline and metrics', async ({ newPage, site: served }) => {
    const site = chapters.find((candidate) => candidate.html.includes('<gil-playground'));
    expect(site, 'a chapter embeds a scenario').toBeDefined();
    const { page } = await open(newPage, served, site!, { javaScriptEnabled: false });
    const result = page.locator('gil-playground .gil-result').first();
    const svg = result.locator('svg[role="img"]');
    await expect(svg.isVisible()).resolves.toBe(true);
    const box = await svg.boundingBox();
    expect(box!.height).toBeGreaterThan(50);
    await expect(svg.locator('path').count()).resolves.toBeGreaterThan(3);
    const labelledBy = await svg.getAttribute('aria-labelledby');
    await expect(page.locator(`[id="${labelledBy}"]`).textContent()).resolves.toMatch(/wall time/);
    await expect(result.locator('table tbody tr').first().isVisible()).resolves.toBe(true);
    await expect(page.locator('.gil-static-code pre').first().isVisible()).resolves.toBe(true);
    // The sidebar stays reachable without the menu button.
    await expect(page.getByRole('navigation', { name: 'Chapters', exact: true }).isVisible()).resolves.toBe(true);
  });

  test.for(pages.map((site) => [site.urlPath, site] as const))('%s has no horizontal scroll at 360 px', async ([_url, site], { newPage, site: served }) => {
    const { page } = await open(newPage, served, site, { viewport: { width: 360, height: 740 } });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  });

  test('at 360 px the chapter list collapses behind a menu button', async ({ newPage, site: served }) => {
    const { page } = await open(newPage, served, chapters[0], { viewport: { width: 360, height: 740 } });
    const sidebar = page.getByRole('navigation', { name: 'Chapters', exact: true });
    await expect(sidebar.isVisible()).resolves.toBe(false);
    const menu = page.getByRole('button', { name: 'Chapters', exact: true });
    await menu.click();
    await expect(sidebar.isVisible()).resolves.toBe(true);
    await expect(menu.getAttribute('aria-expanded')).resolves.toBe('true');
    await expect(sidebar.locator('a[aria-current="page"]').count()).resolves.toBe(1);
  });
});
