/**
 * The built pages' heads, without a browser: every chapter describes itself to link
 * previews (Open Graph, Twitter card) and names its own absolute address (canonical,
 * og:url) when the build knows the site's origin (SITE_URL); its title names the
 * chapter as the sidebar does. Run the build with SITE_URL set to check the addresses.
 */
import { describe, expect, test } from 'vitest';
import type { Node } from 'ultrahtml';
import { TEXT_NODE } from 'ultrahtml';
import { builtPages, chapterPages, elements, type BuiltPage } from './site-pages';

const chapters = chapterPages();
/** The site's origin as the build saw it (SITE_URL, read by astro.config). */
const siteUrl = process.env.SITE_URL || undefined;

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
    if (siteUrl) {
      // The build knew the site's origin: an absolute address of this very page.
      expect(canonical).toEqual([new URL(page.urlPath, siteUrl).href]);
      expect(meta(page, 'og:url')).toBe(canonical[0]);
    } else {
      // Without it, no canonical or og:url at all (both must be absolute to be valid).
      expect(canonical).toEqual([]);
      expect(meta(page, 'og:url')).toBeUndefined();
    }
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
