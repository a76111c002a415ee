/**
 * Internal links in chapter MDX, made independent of where the page lives.
 * Chapters link to each other as they would from `/<slug>/` ("../two-cpus/",
 * "../os-threads/#anchor") or from the site root ("/two-cpus/"); but the first
 * chapter is served at the root and the whole site may sit under a base path
 * (/gil-lab/). Both forms become absolute URLs under the base, so they resolve
 * from every page.
 */
import { normalizeBase } from './navigation';

/** Rewrite one href: "../x/#a" and "/x/#a" → "<base>x/#a"; anything else is left alone. */
export function siteLink(href: string, base: string): string {
  const root = normalizeBase(base);
  if (href.startsWith('../')) return root + href.replace(/^(\.\.\/)+/, '');
  if (href.startsWith('/') && !href.startsWith('//') && !href.startsWith(root)) return root + href.slice(1);
  return href;
}
