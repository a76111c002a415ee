/**
 * The built pages' heads, without a browser: every chapter names its own address
 * (canonical), describes itself to link previews (Open Graph, Twitter card), and its
 * title names the chapter as the sidebar does.
 */
import { describe, expect, test } from 'vitest';
import type { Node } from 'ultrahtml';
import { TEXT_NODE } from 'ultrahtml';
import { builtPages, chapterPages, elements, type BuiltPage } from './site-pages';

const chapters = chapterPages();

const text = (node: Node): string => (node.type === TEXT_NODE ? node.value : (node.children ?? []).map(text).join(''));
/** The content of <meta property|name="key">, or undefined. */
function meta(page: BuiltPage, key: string): string | undefined {
  const [node] = elements(page.document, (element) => element.name === 'meta' && (element.attributes.property === key || element.attributes.name === key));
  return node?.attributes.content as string | undefined;
}
const canonicalOf = (page: BuiltPage) => elements(page.document, (element) => element.name === 'link' && element.attributes.rel === 'canonical')
  .map((element) => element.attributes.href as string);

describe('page heads', () => {
  test.each(chapters.map((page) => [page.urlPath, page] as const))('%s names its own address and describes itself to link previews', (_url, page) => {
    const canonical = canonicalOf(page);
    expect(canonical).toHaveLength(1);
    // Absolute when the site's address is configured, else root-relative: either way, this page.
    expect(new URL(canonical[0], 'http://site.test').pathname).toBe(page.urlPath);
    const title = text(elements(page.document, (element) => element.name === 'title')[0]);
    const description = meta(page, 'description');
    expect(description).toBeTruthy();
    expect(meta(page, 'og:title')).toBeTruthy();
    expect(title).toContain(meta(page, 'og:title'));
    expect(meta(page, 'og:description')).toBe(description);
    expect(meta(page, 'og:type')).toMatch(/^(website|article)$/);
    expect(meta(page, 'og:site_name')).toBe('GIL Lab');
    expect(meta(page, 'twitter:card')).toBe('summary');
    expect(meta(page, 'twitter:title')).toBe(meta(page, 'og:title'));
    const ogUrl = meta(page, 'og:url');
    if (ogUrl !== undefined) expect(ogUrl).toBe(canonical[0]);
  });

  test('the 404 page claims no address of its own', () => {
    const notFound = builtPages().find((page) => page.file === '404.html');
    expect(notFound).toBeDefined();
    expect(canonicalOf(notFound!)).toEqual([]);
  });

  test.each(chapters.map((page) => [page.urlPath, page] as const))('%s: the title names the chapter as the sidebar does', (_url, page) => {
    const [current] = elements(page.document, (element) => element.name === 'a' && element.attributes['aria-current'] === 'page');
    expect(current).toBeDefined();
    // The sidebar entry is "<number> <label>"; the number is aria-hidden.
    const label = elements(current, (element) => element.name === 'span' && element.attributes['aria-hidden'] === undefined).map(text).join(' ').trim();
    const title = text(elements(page.document, (element) => element.name === 'title')[0]);
    expect(label.length).toBeGreaterThan(0);
    expect(title).toContain(label);
  });
});
