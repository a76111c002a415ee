/**
 * The built site as files: every HTML page in dist/ with its URL path (under the
 * base path the build used, BASE_PATH) and its parsed document.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { parse, walkSync, ELEMENT_NODE, type Node } from 'ultrahtml';

import { basePath, distDir } from './chromium';

export { basePath, distDir };

export interface BuiltPage {
  /** File path relative to dist/, e.g. "two-cpus/index.html". */
  file: string;
  /** URL path the page is served at, e.g. "/gil-lab/two-cpus/". */
  urlPath: string;
  html: string;
  document: Node;
}

function htmlFiles(dir: string): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return name === 'pagefind' || name === '_astro' ? [] : htmlFiles(path);
    return name.endsWith('.html') ? [path] : [];
  });
}

/** Every page of dist/ (throws if the site was not built). */
export function builtPages(): BuiltPage[] {
  if (!existsSync(join(distDir, 'index.html'))) throw new Error('dist/ has no index.html: run `npm run build` first');
  return htmlFiles(distDir).map((path) => {
    const file = relative(distDir, path);
    const html = readFileSync(path, 'utf8');
    const urlPath = basePath + file.replace(/(^|\/)index\.html$/, '$1');
    return { file, urlPath, html, document: parse(html) };
  });
}

/**
 * Pages meant for readers: every built page except those that opt out of indexing
 * with <meta name="robots" content="noindex"> (the playground's test fixtures).
 */
export function readerPages(): BuiltPage[] {
  return builtPages().filter((page) => !/<meta name="robots" content="noindex"/.test(page.html));
}

/** Chapter pages: the pages whose body Pagefind indexes (every page of the site frame but the 404). */
export function chapterPages(): BuiltPage[] {
  return builtPages().filter((page) => page.html.includes('data-pagefind-body'));
}

/** The elements of a document matching `test`, in document order. */
export function elements(document: Node, test: (node: Node) => boolean): Node[] {
  const found: Node[] = [];
  walkSync(document, (node) => {
    if (node.type === ELEMENT_NODE && test(node)) found.push(node);
  });
  return found;
}

/** The dist/ file a URL path names, or undefined (mirrors a static host: dir → index.html). */
export function fileForUrlPath(urlPath: string): string | undefined {
  if (!urlPath.startsWith(basePath)) return undefined;
  const inside = decodeURIComponent(urlPath.slice(basePath.length));
  const candidates = inside === '' || inside.endsWith('/') ? [`${inside}index.html`] : [inside, `${inside}.html`, `${inside}/index.html`];
  return candidates.find((candidate) => existsSync(join(distDir, candidate)) && statSync(join(distDir, candidate)).isFile());
}
