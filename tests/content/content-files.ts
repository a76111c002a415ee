/**
 * Helpers for the content tests: the chapter and scenario files under a content
 * directory (the real `content/` unless CONTENT_DIR points elsewhere, e.g. a fixture).
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { load } from 'js-yaml';

export const contentDir = process.env.CONTENT_DIR ?? new URL('../../content/', import.meta.url).pathname;

/** Every file under `dir` whose name ends with `suffix`, as absolute paths, sorted. */
export function filesUnder(dir: string, suffix: string): string[] {
  const found: string[] = [];
  for (const name of readdirSync(dir).sort()) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) found.push(...filesUnder(path, suffix));
    else if (name.endsWith(suffix)) found.push(path);
  }
  return found;
}

export interface ChapterFile {
  slug: string;
  path: string;
  frontmatter: unknown;
  /** Why the frontmatter could not be read, if it could not. */
  frontmatterError?: string;
  body: string;
}

/** content/<slug>/index.mdx files with their parsed frontmatter. */
export function chapterFiles(dir = contentDir): ChapterFile[] {
  return filesUnder(dir, 'index.mdx').map((path) => {
    const text = readFileSync(path, 'utf8');
    const slug = relative(dir, path).replace(/\/index\.mdx$/, '');
    const match = /^---\r?\n([\s\S]*?)\r?\n---\r?\n?/.exec(text);
    if (!match) return { slug, path, frontmatter: undefined, frontmatterError: 'no frontmatter block', body: text };
    try {
      return { slug, path, frontmatter: load(match[1]), body: text.slice(match[0].length) };
    } catch (error) {
      return { slug, path, frontmatter: undefined, frontmatterError: `not valid YAML: ${(error as Error).message}`, body: text.slice(match[0].length) };
    }
  });
}

/** Scenario ids named by `<Scenario id="…">` in an MDX body. */
export function scenarioIdsIn(mdx: string): string[] {
  return [...mdx.matchAll(/<Scenario\b[^>]*?\bid=["']([^"']+)["']/g)].map((match) => match[1]);
}
