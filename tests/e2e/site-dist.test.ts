/**
 * Checks on the built dist/ without a browser: every internal link and #anchor
 * resolves (under BASE_PATH), and each chapter's JavaScript before interaction
 * stays within budget, with no Monaco or esbuild-wasm on the initial load.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, posix } from 'node:path';
import { gzipSync } from 'node:zlib';
import { init, parse as parseImports } from 'es-module-lexer';
import { beforeAll, describe, expect, test } from 'vitest';
import type { Node } from 'ultrahtml';
import { basePath, builtPages, readerPages, chapterPages, distDir, elements, fileForUrlPath, type BuiltPage } from './site-pages';

const origin = 'http://site.test';
const pages = readerPages();

/** Every URL a page refers to: links, stylesheets, scripts, images, and the like. */
function referencedUrls(page: BuiltPage): string[] {
  return elements(page.document, (node) => ['a', 'link', 'script', 'img', 'source', 'iframe'].includes(node.name))
    .flatMap((node) => [node.attributes.href, node.attributes.src].filter((value): value is string => typeof value === 'string'));
}

const idsByFile = new Map<string, Set<string>>(
  builtPages().map((page) => [page.file, new Set(elements(page.document, (node) => typeof node.attributes.id === 'string').map((node) => node.attributes.id as string))]),
);

describe('links in dist/', () => {
  test('the build has the home page, the chapters and a 404 page', () => {
    expect(pages.map((page) => page.file)).toContain('index.html');
    expect(pages.map((page) => page.file)).toContain('404.html');
    expect(pages.length).toBeGreaterThan(2);
  });

  test.each(pages.map((page) => [page.file, page] as const))('every internal link and anchor in %s resolves', (_file, page) => {
    const broken: string[] = [];
    for (const href of referencedUrls(page)) {
      const url = new URL(href, origin + page.urlPath);
      if (url.origin !== origin) continue; // another host: not ours to check (and never loaded at start-up)
      const file = fileForUrlPath(url.pathname);
      if (!file) {
        broken.push(`${href} (no file for ${url.pathname}${url.pathname.startsWith(basePath) ? '' : `, outside the base ${basePath}`})`);
        continue;
      }
      const anchor = decodeURIComponent(url.hash.slice(1));
      if (anchor && file.endsWith('.html') && !idsByFile.get(file)?.has(anchor)) broken.push(`${href} (no id "${anchor}" in ${file})`);
    }
    expect(broken).toEqual([]);
  });

  test('no page loads anything from another host at start-up', () => {
    const external = pages.flatMap((page) =>
      elements(page.document, (node) => (node.name === 'script' && typeof node.attributes.src === 'string') || (node.name === 'link' && node.attributes.rel !== 'canonical'))
        .map((node) => (node.attributes.src ?? node.attributes.href) as string)
        .filter((url) => /^(https?:)?\/\//.test(url))
        .map((url) => `${page.file}: ${url}`));
    expect(external).toEqual([]);
  });
});

describe('the <gil-playground> contract in the built HTML', () => {
  const blocks = pages.flatMap((page) => elements(page.document, (node) => node.name === 'gil-playground').map((node) => ({ page, node })));

  test('chapters embed scenarios', () => {
    expect(blocks.length).toBeGreaterThan(0);
  });

  test.each(blocks.map(({ page, node }, index) => [`${page.file} #${index} ${node.attributes['data-scenario-id']}`, node] as const))('%s carries its exact source, static code, result and edit button', (_name, node) => {
    // The full-page playground saves under its own key and starts from an example.
    const id = (node.attributes['data-example-id'] ?? node.attributes['data-scenario-id']) as string;
    const [source] = elements(node, (child) => child.name === 'script' && child.attributes.class === 'gil-source');
    expect(source?.attributes.type).toBe('application/json');
    const json = (source.children as Node[]).map((child) => child.value ?? '').join('');
    expect(json).not.toMatch(/<\/script/i);
    expect(JSON.parse(json)).toBe(readFileSync(new URL(`../../content/${id}.ts`, import.meta.url), 'utf8'));
    const variants = node.attributes['data-variants'] as string | undefined;
    if (variants !== undefined) expect(Array.isArray(JSON.parse(variants.replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&amp;/g, '&')))).toBe(true);
    const classes = (node.children as Node[]).filter((child) => child.type === 1).map((child) => (child.attributes.class as string | undefined)?.split(' ')[0] ?? child.name);
    expect(classes.slice(0, 3)).toEqual(['gil-static-code', 'gil-source', 'gil-result']);
    expect(elements(node, (child) => child.name === 'button' && child.attributes['data-action'] === 'edit')).toHaveLength(1);
    expect(elements(node, (child) => child.name === 'svg' && child.attributes.role === 'img')).toHaveLength(1);
  });
});

describe('self-contained', () => {
  test('no stylesheet loads fonts or images from another host', () => {
    const cssFiles = readdirSync(join(distDir, '_astro')).filter((name) => name.endsWith('.css'));
    const external = cssFiles.flatMap((name) =>
      [...readFileSync(join(distDir, '_astro', name), 'utf8').matchAll(/url\(\s*['"]?((?:https?:)?\/\/[^'")]+)/g)].map((match) => `${name}: ${match[1]}`));
    expect(external).toEqual([]);
  });
});

/** Budget for a chapter's JavaScript before the reader touches a playground, gzip bytes. */
const jsBudget = 20 * 1024;

interface PageScripts {
  /** dist/-relative paths of every JS file loaded before interaction (entry scripts, modulepreloads, their static imports). */
  files: string[];
  inline: string[];
}

/** JS a page loads before interaction: its script tags and modulepreloads, and everything they import statically. */
function initialScripts(page: BuiltPage): PageScripts {
  const inline: string[] = [];
  const queue: string[] = [];
  for (const node of elements(page.document, (n) => n.name === 'script' || (n.name === 'link' && n.attributes.rel === 'modulepreload'))) {
    const src = (node.name === 'script' ? node.attributes.src : node.attributes.href) as string | undefined;
    const type = node.attributes.type as string | undefined;
    if (src) queue.push(new URL(src, origin + page.urlPath).pathname);
    else if (!type || type === 'module' || type === 'text/javascript') inline.push((node.children as Node[]).map((child) => child.value ?? '').join(''));
  }
  const files = new Set<string>();
  while (queue.length > 0) {
    const urlPath = queue.shift()!;
    const file = fileForUrlPath(urlPath);
    if (!file) throw new Error(`${page.file} loads ${urlPath}, which is not in dist/`);
    if (files.has(file)) continue;
    files.add(file);
    const [imports] = parseImports(readFileSync(join(distDir, file), 'utf8'));
    for (const imported of imports) {
      // d === -1: a static import (dynamic imports load only when their code runs).
      if (imported.d === -1 && imported.n && !/^[a-z]+:/.test(imported.n)) {
        queue.push(imported.n.startsWith('/') ? imported.n : posix.join(posix.dirname(urlPath), imported.n));
      }
    }
  }
  return { files: [...files], inline };
}

describe('JavaScript budget of each chapter', () => {
  beforeAll(() => init);

  test.each(chapterPages().map((page) => [page.file, page] as const))(`%s ships at most ${jsBudget / 1024} KB gzip of JS before interaction, without Monaco or esbuild`, (_file, page) => {
    const { files, inline } = initialScripts(page);
    const gzipBytes = files.reduce((sum, file) => sum + gzipSync(readFileSync(join(distDir, file))).length, 0)
      + inline.reduce((sum, code) => sum + gzipSync(code).length, 0);
    console.info(`${page.file}: ${(gzipBytes / 1024).toFixed(1)} KB gzip JS before interaction (${files.length} files, ${inline.length} inline)`);
    expect(gzipBytes, `${files.join(', ')} + ${inline.length} inline`).toBeLessThanOrEqual(jsBudget);
    const heavy = [...files, ...referencedUrls(page)].filter((name) => /monaco|esbuild|\.wasm/i.test(name));
    expect(heavy).toEqual([]);
  });
});
