/**
 * The layout a reader sees, in real Chromium: on a 390 px phone nothing scrolls
 * sideways and no table squeezes a column below a word; "On this page" is closed
 * above the page from the first paint (nothing jumps when scripts run); the
 * build-time timelines fit and keep readable labels; the full playground is a split
 * pane on a wide screen, never scrolls a phone to its editor, hides keyboard hints on
 * touch screens and keeps Run clear of the sticky header; search opens the section
 * of a match with the terms marked, and indexes prose, not data.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { describe, expect } from 'vitest';
import type { BrowserContextOptions, Page } from 'playwright-core';
import { ELEMENT_NODE, TEXT_NODE, type Node } from 'ultrahtml';
import { collectErrors, test, type NewPage, type Site } from './harness';
import { chapterPages, distDir, elements, readerPages } from './site-pages';

const pages = readerPages();
const chapters = chapterPages();
const phone: BrowserContextOptions = { viewport: { width: 390, height: 844 }, isMobile: true, hasTouch: true, deviceScaleFactor: 2 };
const desktop: BrowserContextOptions = { viewport: { width: 1400, height: 900 } };
/** Open a path under the base in a fresh context (the `newPage` fixture closes it after the test). */
async function open(newPage: NewPage, served: Site, path: string, options: BrowserContextOptions, prepare?: (page: Page) => Promise<void>) {
  const page = await newPage(options);
  const errors = collectErrors(page);
  await prepare?.(page);
  await page.goto(new URL(served.url).origin + path, { waitUntil: 'load' });
  return { page, errors };
}

/**
 * Words of the visible elements matching `selector` that are split across lines (a
 * word on one line has one client rect per line it touches); words end at spaces,
 * hyphens and slashes, where a line may break.
 */
async function brokenWords(page: Page, selector: string): Promise<string[]> {
  return page.evaluate((selector) => {
    const found: string[] = [];
    for (const cell of document.querySelectorAll<HTMLElement>(selector)) {
      if (!cell.checkVisibility()) continue;
      const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
      for (let node = walker.nextNode(); node; node = walker.nextNode()) {
        const text = node.textContent ?? '';
        for (const match of text.matchAll(/[^\s\-/–—]+/g)) {
          if (match[0].length < 2) continue;
          const range = document.createRange();
          range.setStart(node, match.index);
          range.setEnd(node, match.index + match[0].length);
          const lines = new Set([...range.getClientRects()].filter((rect) => rect.width > 0).map((rect) => Math.round(rect.top)));
          if (lines.size > 1) found.push(`"${match[0]}" in a ${Math.round(cell.getBoundingClientRect().width)} px cell`);
        }
      }
    }
    return found.slice(0, 5);
  }, selector);
}

const playgroundPage = chapters.find((site) => site.html.includes('data-full'));
const scenarioPage = chapters.find((site) => site.html.includes('<gil-playground') && !site.html.includes('data-full'));

describe('on a 390 px phone', () => {
  test.for(pages.map((site) => [site.urlPath, site] as const))('%s: no sideways scroll, no word broken across lines in a table', async ([_url, site], { newPage, site: served }) => {
    const { page } = await open(newPage, served, site.urlPath, phone);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    expect(await brokenWords(page, 'td, th')).toEqual([]);
  });

  test.for(['/how-it-works/', '/api/'])('%s: no table column is narrower than a short word', async (path, { newPage, site: served }) => {
    const site = chapters.find((candidate) => candidate.urlPath.endsWith(path));
    expect(site).toBeDefined();
    const { page } = await open(newPage, served, site!.urlPath, phone);
    const widths = await page.locator('main :is(td, th)').evaluateAll((cells) => cells
      .filter((cell) => cell.checkVisibility())
      .map((cell) => cell.getBoundingClientRect().width)
      .filter((width) => width > 2)); // the 1 px header row of a stacked table is for screen readers
    expect(widths.length).toBeGreaterThan(20);
    expect(Math.min(...widths)).toBeGreaterThanOrEqual(40);
  });

  test('"On this page" is closed above the chapter before any script runs', async ({ newPage, site: served }) => {
    const { page } = await open(newPage, served, chapters[0].urlPath, { ...phone, javaScriptEnabled: false });
    const toc = page.getByRole('navigation', { name: 'On this page' });
    await expect(toc.isVisible()).resolves.toBe(true);
    await expect(toc.getByRole('link', { name: 'Overview' }).isVisible()).resolves.toBe(false);
    // It opens on demand.
    await toc.locator('summary:visible').click();
    await expect(toc.getByRole('link', { name: 'Overview' }).isVisible()).resolves.toBe(true);
  });

  test.for(chapters.map((site) => [site.urlPath, site] as const))('%s: nothing moves once the page is painted (no layout shift)', async ([_url, site], { newPage, site: served }) => {
    // Scripts arrive only after the first paint, as on a slow phone: any script that
    // changes the layout then moves what the reader already sees.
    const { page } = await open(newPage, served, site.urlPath, phone, async (page) => {
      await page.addInitScript(() => {
        const shifts: { value: number; sources: string[] }[] = [];
        (window as unknown as { layoutShifts: typeof shifts }).layoutShifts = shifts;
        new PerformanceObserver((list) => {
          for (const entry of list.getEntries() as unknown as { value: number; hadRecentInput: boolean; sources: { node?: Element }[] }[]) {
            if (!entry.hadRecentInput) shifts.push({ value: entry.value, sources: entry.sources.map((source) => source.node?.nodeName + '.' + (source.node?.className ?? '')) });
          }
        }).observe({ type: 'layout-shift', buffered: true });
      });
      await page.route('**/_astro/*.js', async (route) => {
        await new Promise((resolve) => setTimeout(resolve, 600));
        await route.continue();
      });
    });
    await page.waitForLoadState('networkidle');
    await page.evaluate(() => new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve))));
    const shifts = await page.evaluate(() => (window as unknown as { layoutShifts: { value: number; sources: string[] }[] }).layoutShifts);
    expect(shifts).toEqual([]);
  });

  test('the build-time timelines fit the page, with labels of at least 11 px', async ({ newPage, site: served }) => {
    expect(scenarioPage, 'a chapter embeds a scenario').toBeDefined();
    const { page } = await open(newPage, served, scenarioPage!.urlPath, phone);
    const timelines = await page.locator('gil-playground .gil-result').evaluateAll((results) => results.map((result) => {
      const svg = result.querySelector('svg[role="img"]')!;
      const box = result.getBoundingClientRect();
      const picture = svg.getBoundingClientRect();
      // Every piece of text drawn with the timeline, at the size it is shown: an SVG's
      // <text> scales with the drawing, HTML text does not.
      const words = [...result.querySelectorAll('svg text, svg ~ * *, svg ~ *')]
        .filter((element) => [...element.childNodes].some((node) => node.nodeType === 3 && node.textContent!.trim()))
        .map((element) => {
          const size = Number.parseFloat(getComputedStyle(element).fontSize);
          const scale = element instanceof SVGElement ? (element.ownerSVGElement?.getScreenCTM()?.d ?? 1) : 1;
          return { text: element.textContent!.trim(), px: size * scale };
        });
      return { left: picture.left - box.left, right: box.right - picture.right, words };
    }));
    expect(timelines.length).toBeGreaterThan(0);
    for (const timeline of timelines) {
      expect(timeline.left).toBeGreaterThanOrEqual(0);
      expect(timeline.right).toBeGreaterThanOrEqual(0);
      expect(timeline.words.length).toBeGreaterThan(3);
      const small = timeline.words.filter((word) => word.px < 11);
      expect(small.map((word) => `${word.text}: ${word.px.toFixed(1)} px`)).toEqual([]);
    }
  });

  test('the live results table of a chapter\'s compare run keeps its words whole', async ({ newPage, site: served }) => {
    // A chapter block that compares runs: its table has a column per run, headed by the run's label.
    const site = chapters.find((candidate) => candidate.html.includes('data-variants='));
    expect(site).toBeDefined();
    const { page } = await open(newPage, served, site!.urlPath, phone);
    const block = 'gil-playground[data-variants]';
    await page.locator(`${block} [data-action="edit"]`).first().click();
    await page.waitForSelector(`${block}[data-state="ready"]`, { timeout: 60_000 });
    await page.locator(`${block}[data-state="ready"] [data-action="run"]`).first().click();
    await page.waitForSelector(`${block}[data-outcome]`, { timeout: 60_000 });
    await expect(page.getAttribute(`${block}[data-outcome]`, 'data-outcome')).resolves.toBe('done');
    await expect(page.locator(`${block} .gil-results table thead th`).count()).resolves.toBeGreaterThan(2);
    expect(await brokenWords(page, `${block} .gil-results :is(td, th)`)).toEqual([]);
  });

  test('the playground page stays at the top on load, without keyboard hints', async ({ newPage, site: served }) => {
    expect(playgroundPage).toBeDefined();
    const { page, errors } = await open(newPage, served, playgroundPage!.urlPath, phone);
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    await expect(page.evaluate(() => scrollY)).resolves.toBe(0);
    await expect(page.locator('.gil-hint').isVisible()).resolves.toBe(false);
    expect(errors).toEqual([]);
  });
});

describe('wide screens', () => {
  test('"On this page" is an open list beside the chapter at 1400 px, closed above it at 1000 px', async ({ newPage, site: served }) => {
    const wide = await open(newPage, served, chapters[0].urlPath, desktop);
    const toc = wide.page.getByRole('navigation', { name: 'On this page' });
    await expect(toc.getByRole('link', { name: 'Overview' }).isVisible()).resolves.toBe(true);
    const [tocBox, mainBox] = await Promise.all([toc.boundingBox(), wide.page.locator('main').boundingBox()]);
    expect(tocBox!.x).toBeGreaterThanOrEqual(mainBox!.x + mainBox!.width - 1);
    const narrower = await open(newPage, served, chapters[0].urlPath, { viewport: { width: 1000, height: 800 } });
    await expect(narrower.page.getByRole('navigation', { name: 'On this page' }).getByRole('link', { name: 'Overview' }).isVisible()).resolves.toBe(false);
  });

  test('tables stay inside the text column, clear of "On this page" (1200 px, the narrowest with it beside)', async ({ newPage, site: served }) => {
    const { page } = await open(newPage, served, chapters.find((site) => site.urlPath.endsWith('/how-it-works/'))!.urlPath, { viewport: { width: 1200, height: 900 } });
    const tocLeft = (await page.getByRole('navigation', { name: 'On this page' }).boundingBox())!.x;
    const rights = await page.locator('main table').evaluateAll((tables) => tables.map((table) => {
      // A table in a scroll box is clipped by the box; otherwise by nothing.
      const clip = table.closest('.table-scroll') ?? table;
      return Math.min(table.getBoundingClientRect().right, clip.getBoundingClientRect().right);
    }));
    expect(rights.length).toBeGreaterThan(3);
    for (const right of rights) expect(right).toBeLessThanOrEqual(tocLeft);
  });

  test('on a phone a table wider than the screen shows a shadow at the edge with more table behind it', async ({ newPage, site: served }) => {
    const { page } = await open(newPage, served, chapters.find((site) => site.urlPath.endsWith('/how-it-works/'))!.urlPath, { viewport: { width: 390, height: 844 } });
    const boxes = await page.locator('main .table-scroll').evaluateAll((all) => all
      .filter((box) => box.scrollWidth > box.clientWidth + 1)
      .map((box) => getComputedStyle(box).backgroundAttachment));
    expect(boxes.length).toBeGreaterThan(0);
    // Two covers that scroll with the content, two shadows fixed to the box's edges.
    for (const attachment of boxes) expect(attachment).toBe('local, local, scroll, scroll');
  });

  test('the full playground is a split pane at 1400 px: editor beside the result', async ({ newPage, site: served }) => {
    const { page, errors } = await open(newPage, served, playgroundPage!.urlPath, desktop);
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    const editor = (await page.locator('.gil-editor-pane').boundingBox())!;
    const result = (await page.locator('gil-playground[data-full] .gil-result').boundingBox())!;
    expect(editor.width).toBeGreaterThanOrEqual(480);
    expect(result.width).toBeGreaterThanOrEqual(400);
    expect(result.x).toBeGreaterThanOrEqual(editor.x + editor.width);
    expect(result.y).toBeLessThan(editor.y + editor.height);
    expect(errors).toEqual([]);
  });

  test.for([['1400 px', desktop], ['390 px', phone]] as const)('at %s, Run stays clear of the sticky header while the editor scrolls by', async ([_name, options], { newPage, site: served }) => {
    const { page } = await open(newPage, served, playgroundPage!.urlPath, options);
    await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
    const header = (await page.locator('.site-header').boundingBox())!;
    // Scroll so the middle of the editor sits at the top of the window.
    await page.evaluate(() => {
      const editor = document.querySelector('.gil-monaco, .gil-textarea-editor')!.getBoundingClientRect();
      window.scrollBy(0, editor.top + editor.height / 2);
    });
    const run = page.getByRole('button', { name: 'Run', exact: true });
    const box = (await run.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(header.y + header.height - 0.5);
    // And nothing covers it: the button is what a tap at its centre reaches.
    const hit = await page.evaluate(({ x, y }) => document.elementFromPoint(x, y)?.closest('button')?.textContent, { x: box.x + box.width / 2, y: box.y + box.height / 2 });
    expect(hit).toBe('Run');
  });
});

const entities: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ' };
/** Text as Pagefind stores it: character references decoded, whitespace collapsed. */
const squash = (text: string) => text
  .replace(/&(?:#(\d+)|#x([\da-f]+)|(\w+));/gi, (whole, decimal, hex, name) => (
    decimal ? String.fromCodePoint(Number(decimal)) : hex ? String.fromCodePoint(Number.parseInt(hex, 16)) : entities[name] ?? whole))
  .replace(/\s+/g, ' ').trim();

/** Text of a node and its descendants (no scripts or styles). */
function textOf(node: Node): string {
  if (node.type === TEXT_NODE) return node.value;
  if (node.type === ELEMENT_NODE && ['script', 'style'].includes(node.name)) return '';
  return (node.children ?? []).map((child: Node) => textOf(child)).join(node.name === 'tr' ? ' ' : '');
}

/**
 * A page body's prose paragraphs, and its data as text no prose repeats: long lines of
 * code, long table cells, the run summaries of the build-time results.
 */
function proseAndData(body: Node): { prose: string[]; data: string[] } {
  const prose: string[] = [];
  const data: string[] = [];
  const visit = (node: Node, inData: boolean) => {
    if (node.type !== ELEMENT_NODE) return;
    const className = String(node.attributes.class ?? '');
    const here = inData || /\bgil-(result|static-code)\b/.test(className);
    if (node.name === 'pre') data.push(...textOf(node).split('\n'));
    else if (node.name === 'td' || node.name === 'th') data.push(textOf(node));
    else if (/\bgil-summary\b/.test(className)) data.push(...(node.children ?? []).map((span: Node) => textOf(span)));
    else if (node.name === 'p' && !here) prose.push(textOf(node));
    else node.children?.forEach((child: Node) => visit(child, here));
  };
  visit(body, false);
  return { prose: prose.map(squash).filter((text) => text.length >= 40), data: data.map(squash).filter((text) => text.length >= 30) };
}

/** What Pagefind stored for each page: the indexed text of its body, by URL (the newest fragment wins). */
function indexedContent(): Map<string, string> {
  const dir = join(distDir, 'pagefind/fragment');
  const byAge = readdirSync(dir).sort((a, b) => statSync(join(dir, a)).mtimeMs - statSync(join(dir, b)).mtimeMs);
  return new Map(byAge.map((name) => {
    const raw = gunzipSync(readFileSync(join(dir, name))).toString('utf8').replace(/^pagefind_dcd/, '');
    const fragment = JSON.parse(raw) as { url: string; content: string };
    return [fragment.url, squash(fragment.content)];
  }));
}

describe('search', () => {
  async function searchFor(page: Page, query: string) {
    await page.getByRole('button', { name: 'Search' }).click();
    const dialog = page.getByRole('dialog', { name: 'Search the site' });
    await dialog.getByRole('searchbox').fill(query);
    await dialog.locator('.search-status:not(:empty)').waitFor({ timeout: 10_000 });
    return dialog;
  }

  test('a result links to the section of the match and the page marks the searched word', async ({ newPage, site: served }) => {
    // A word of one chapter's prose that the chapter's own text uses under a heading.
    const site = chapters.find((candidate) => candidate.urlPath.endsWith('/when-a-thread-blocks/'))!;
    const { page, errors } = await open(newPage, served, chapters[0].urlPath, desktop);
    const dialog = await searchFor(page, 'convoy');
    await dialog.locator('.search-results > li > a').first().waitFor();
    const links = dialog.locator('.search-results > li > a');
    const hrefs = await links.evaluateAll((list) => list.map((link) => (link as HTMLAnchorElement).href));
    const index = hrefs.findIndex((href) => new URL(href).pathname === site.urlPath);
    expect(index, `a result for ${site.urlPath} among ${hrefs.join(', ')}`).toBeGreaterThanOrEqual(0);
    const href = new URL(hrefs[index]);
    expect(href.hash).toMatch(/^#[\w-]+$/);
    expect(href.hash).not.toBe('#_top');
    expect(href.searchParams.get('highlight')).toBe('convoy');
    await links.nth(index).click();
    await page.waitForURL((url) => url.pathname === site.urlPath && url.hash === href.hash);
    await page.locator('mark.search-highlight').first().waitFor();
    await expect(page.locator('mark.search-highlight').first().textContent()).resolves.toMatch(/^convoy$/i);
    // The page opened at the match, not at the top: the first marked word of the linked
    // section is on screen.
    await expect(page.evaluate(() => scrollY)).resolves.toBeGreaterThan(0);
    const markTop = await page.evaluate((id) => {
      const section = document.getElementById(id)!;
      const mark = [...document.querySelectorAll('mark.search-highlight')]
        .find((candidate) => section.compareDocumentPosition(candidate) & 4 /* DOCUMENT_POSITION_FOLLOWING */)!;
      return mark.getBoundingClientRect().top;
    }, decodeURIComponent(href.hash.slice(1)));
    expect(markTop).toBeGreaterThanOrEqual(0);
    expect(markTop).toBeLessThan(900);
    expect(errors).toEqual([]);
  });

  test('the index holds each chapter\'s prose, not its code, tables, timelines or run figures', () => {
    const content = indexedContent();
    let dataSeen = 0;
    for (const site of chapters) {
      const indexed = content.get(site.urlPath);
      expect(indexed, `${site.urlPath} is indexed`).toBeDefined();
      const [body] = elements(site.document, (node) => node.attributes['data-pagefind-body'] !== undefined);
      const { data, prose } = proseAndData(body);
      dataSeen += data.length; // a page of prose only (Sources) has none
      expect(data.filter((text) => indexed!.includes(text)).slice(0, 3), `data in the index of ${site.urlPath}`).toEqual([]);
      expect(prose.length).toBeGreaterThan(0);
      expect(prose.slice(0, 5).filter((paragraph) => !indexed!.includes(paragraph)), `prose missing from the index of ${site.urlPath}`).toEqual([]);
    }
    expect(dataSeen, 'the chapters have code or tables to leave out').toBeGreaterThan(20);
  });
});
