/**
 * Every figure's source can be found from the repository: docs/sources.md lists each
 * source under a key, every citation in the code and the calibration data names a
 * key that exists, every measurement says where, when and how to repeat it, and
 * nothing points at notes that are not in the repository.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { extname, join, relative } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';
import { bareTagsIn, citationsIn, malformedCitationsIn, parseSources, sourceKeyPattern } from '../../src/page-data/sources';
import { calibrationCases } from '../../scripts/calibrate/cases';
import { publishedFigures } from '../../scripts/calibrate/published';
import explanations from '../../calibration/explanations.json';
import { chapterFiles } from './content-files';

const root = new URL('../../', import.meta.url).pathname;
const sourcesFile = join(root, 'docs/sources.md');
const markdown = readFileSync(sourcesFile, 'utf8');
const entries = parseSources(markdown);
const keys = new Set(entries.map((entry) => entry.key));
const scripts = Object.keys((JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts);

/** Files under `dir` (relative to the root) whose extension is in `extensions`. */
function filesIn(dir: string, extensions: readonly string[]): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      if (name === 'node_modules' || name === 'dist' || name.startsWith('.')) continue;
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extensions.includes(extname(name))) found.push(relative(root, full));
    }
  };
  walk(join(root, dir));
  return found;
}

interface Comment { file: string; line: number; text: string }

/** Every comment of a TypeScript or JavaScript text, found through the parser (so `//` inside strings and regexes is not one). */
function scriptComments(file: string, text: string, lineOffset = 0): Comment[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const ranges = new Map<number, ts.CommentRange>();
  const visit = (node: ts.Node) => {
    for (const range of [...(ts.getLeadingCommentRanges(text, node.getFullStart()) ?? []), ...(ts.getTrailingCommentRanges(text, node.end) ?? [])]) {
      ranges.set(range.pos, range);
    }
    for (const child of node.getChildren(source)) visit(child);
  };
  visit(source);
  return [...ranges.values()].map((range) => ({
    file,
    line: lineOffset + source.getLineAndCharacterOfPosition(range.pos).line + 1,
    text: text.slice(range.pos, range.end),
  }));
}

/** The comments of a code file: TypeScript/JavaScript, or an .astro file's frontmatter script and template comments. */
function commentsOf(file: string): Comment[] {
  const text = readFileSync(join(root, file), 'utf8');
  if (!file.endsWith('.astro')) return scriptComments(file, text);
  const frontmatter = /^---\n([\s\S]*?)\n---\n/.exec(text);
  const template = frontmatter ? text.slice(frontmatter[0].length) : text;
  const lineOf = (index: number) => text.slice(0, index).split('\n').length;
  const templateStart = frontmatter ? frontmatter[0].length : 0;
  return [
    ...(frontmatter ? scriptComments(file, frontmatter[1], 1) : []),
    ...[...template.matchAll(/<!--[\s\S]*?-->|\{\/\*[\s\S]*?\*\/\}/g)].map((match) => ({ file, line: lineOf(templateStart + match.index), text: match[0] })),
  ];
}

const codeFiles = ['src', 'scripts', 'calibration'].flatMap((dir) => filesIn(dir, ['.ts', '.mjs', '.js', '.astro']));
const comments = codeFiles.flatMap(commentsOf);
const where = (comment: Comment, what: string) => `${comment.file}:${comment.line}: ${what}`;

describe('docs/sources.md', () => {
  test('has entries, each under a unique key that is its own anchor, starting with its tag', () => {
    expect(entries.length).toBeGreaterThan(20);
    expect(entries.filter((entry) => !sourceKeyPattern.test(entry.key)).map((entry) => entry.key)).toEqual([]);
    expect(entries.map((entry) => entry.key).filter((key, index, all) => all.indexOf(key) !== index)).toEqual([]);
    expect(entries.filter((entry) => entry.tag === null).map((entry) => entry.key)).toEqual([]);
  });

  test('every source other than a measurement gives its address, or says it was not recorded', () => {
    const unlinked = entries.filter((entry) => entry.tag !== 'M' && !/<https?:\/\/[^>\s]+>/.test(entry.body) && !/not recorded/.test(entry.body));
    expect(unlinked.map((entry) => entry.key)).toEqual([]);
  });

  const machinesSection = /^## Machines\n([\s\S]*?)^## /m.exec(markdown)?.[1] ?? '';
  const machines = [...machinesSection.matchAll(/\*\*The ([^*]+)\*\*/g)].map((match) => match[1]);

  test('describes the machines the measurements were made on, with their dates', () => {
    expect(machines.length).toBeGreaterThan(0);
    for (const machine of machines) {
      const description = machinesSection.split('\n- ').find((item) => item.includes(`**The ${machine}**`)) ?? '';
      expect(description, machine).toMatch(/\b20\d\d\b/);
      expect(description, machine).toMatch(/CPU/);
    }
  });

  const measured = entries.filter((entry) => entry.tag === 'M');
  const field = (entry: { body: string }, name: string) => new RegExp(`^- ${name}: ([\\s\\S]*?)(?=\\n- |$)`, 'm').exec(entry.body)?.[1].replace(/\s+/g, ' ') ?? '';

  test.each(measured.map((entry) => [entry.key, entry] as const))('[M] %s says on which machine, when, and how to repeat it', (_key, entry) => {
    expect(machines.filter((machine) => field(entry, 'Machine').includes(machine)), 'Machine: names a machine of the Machines section').not.toEqual([]);
    expect(field(entry, 'Date'), 'Date:').toMatch(/\b20\d\d\b/);
    const reproduce = field(entry, 'Reproduce');
    expect(reproduce, 'Reproduce:').not.toBe('');
    // What it names must exist: npm scripts, calibration cases, files.
    for (const [, script] of reproduce.matchAll(/npm run ([a-z:-]+)/g)) expect(scripts, `npm run ${script}`).toContain(script);
    const caseIds = calibrationCases.map((testCase) => testCase.id);
    for (const [, id] of reproduce.matchAll(/--only ([a-z0-9-]+)/g)) expect(caseIds, `--only ${id}`).toContain(id);
    for (const [, path] of entry.body.matchAll(/`((?:src|scripts|calibration|tests|bench)\/[^`\s]+\.[a-z]+)`/g)) {
      expect(existsSync(join(root, path)), path).toBe(true);
    }
  });

  test('links only to other hosts and to its own anchors, so it reads the same on GitHub and on the site', () => {
    const links = [...markdown.matchAll(/\]\(([^)]+)\)|<([a-z]+:[^>\s]+)>/g)].map((match) => match[1] ?? match[2]);
    expect(links.filter((link) => !/^https?:\/\//.test(link) && !link.startsWith('#'))).toEqual([]);
    const anchors = links.filter((link) => link.startsWith('#')).map((link) => link.slice(1));
    const headings = [...markdown.matchAll(/^#{2,3} (.+)$/gm)].map((match) => match[1].toLowerCase().replace(/[^a-z0-9 -]/g, '').replace(/ /g, '-'));
    expect(anchors.filter((anchor) => !headings.includes(anchor))).toEqual([]);
  });

  test('is the Sources page of the site', () => {
    expect(readFileSync(join(root, 'content/sources/index.mdx'), 'utf8')).toMatch(/import \{ Content as \w+ \} from '\.\.\/\.\.\/docs\/sources\.md'/);
  });
});

describe('citations', () => {
  test('there are comments to check (the scan finds them)', () => {
    expect(comments.filter((comment) => citationsIn(comment.text).length > 0).length).toBeGreaterThan(20);
  });

  test('every citation in a code comment under src/, scripts/ and calibration/ names a key of docs/sources.md', () => {
    const unknown = comments.flatMap((comment) => citationsIn(comment.text).flatMap((citation) =>
      citation.keys.filter((key) => !keys.has(key)).map((key) => where(comment, `${citation.text}: no entry "${key}"`))));
    expect(unknown).toEqual([]);
  });

  test('citations are written [TAG sources:key], and a primary, secondary or measured claim always names its key', () => {
    const problems = comments.flatMap((comment) => [
      ...malformedCitationsIn(comment.text).map((text) => where(comment, `${text} is not [TAG sources:key]`)),
      ...bareTagsIn(comment.text).filter((tag) => tag === 'P' || tag === 'S' || tag === 'M').map((tag) => where(comment, `bare [${tag}] names no source`)),
    ]);
    expect(problems).toEqual([]);
  });

  test('the malformed and bare forms are caught', () => {
    expect(malformedCitationsIn('1.8 µs [M gil-facts §5]; [P ceval_gil.c]; [F sources:ok]; [U]')).toEqual(['[M gil-facts §5]', '[P ceval_gil.c]']);
    expect(bareTagsIn('[M] and [F] but not [M sources:x]')).toEqual(['M', 'F']);
    expect(citationsIn('[F sources:m-gil-battle, sources:beazley-2010]')[0].keys).toEqual(['m-gil-battle', 'beazley-2010']);
  });

  test('the comment scan sees comments, not strings or regular expressions that look like them', () => {
    const found = scriptComments('x.ts', "const a = '// [P nope]'; const b = /a\\//; // [M sources:yes]\n/* [U] */ function f() {\n  g();\n  // [S sources:last]\n}\n");
    expect(found.map((comment) => [comment.line, comment.text])).toEqual([[1, '// [M sources:yes]'], [2, '/* [U] */'], [4, '// [S sources:last]']]);
  });

  test('the documentation and the calibration data cite existing keys, in the citation syntax', () => {
    const texts: [string, string][] = [
      ...['src', 'scripts', 'calibration', 'docs', 'content'].flatMap((dir) => filesIn(dir, ['.md', '.mdx', '.json'])),
      ...['README.md', 'CONTRIBUTING.md'].filter((file) => existsSync(join(root, file))),
    ].map((file) => [file, readFileSync(join(root, file), 'utf8')]);
    const problems = texts.flatMap(([file, text]) => [
      ...citationsIn(text).flatMap((citation) => citation.keys.filter((key) => !keys.has(key)).map((key) => `${file}: ${citation.text}: no entry "${key}"`)),
      ...malformedCitationsIn(text).map((citation) => `${file}: ${citation} is not [TAG sources:key]`),
    ]);
    expect(problems).toEqual([]);
    expect(citationsIn(JSON.stringify(explanations)).length).toBeGreaterThan(0);
  });
});

describe('nothing relies on notes outside the repository', () => {
  // The names of the two reference notes the comments used to cite, and where they lived.
  const notes = new RegExp(['gil-facts', 'model-notes', 'shared/reference', 'reference/[a-z-]+\\.md'].join('|'));

  test('no file of the product or its tests names them', () => {
    const files = [
      ...['src', 'scripts', 'calibration', 'content', 'docs', 'tests', 'bench', 'bin', 'examples', 'public'].flatMap((dir) =>
        (existsSync(join(root, dir)) ? filesIn(dir, ['.ts', '.mjs', '.js', '.astro', '.md', '.mdx', '.json', '.css', '.html']) : [])),
      ...['README.md', 'CONTRIBUTING.md', 'package.json'].filter((file) => existsSync(join(root, file))),
    ].filter((file) => file !== 'tests/content/sources.test.ts');
    const naming = files.filter((file) => notes.test(readFileSync(join(root, file), 'utf8')));
    expect(naming).toEqual([]);
  });
});

describe('every published figure and every link of the chapters is listed', () => {
  test('each figure of calibration/published.json is named under its source in docs/sources.md', () => {
    const named = new Set([...markdown.matchAll(/`([a-z0-9-]+)`/g)].map((match) => match[1]));
    expect(publishedFigures.filter((figure) => !named.has(figure.id)).map((figure) => figure.id)).toEqual([]);
  });

  test('a figure with a URL has it in docs/sources.md; one without names its entry there', () => {
    expect(publishedFigures.filter((figure) => figure.url && !markdown.includes(`<${figure.url}>`)).map((figure) => figure.id)).toEqual([]);
    const withoutUrl = publishedFigures.filter((figure) => !figure.url);
    expect(withoutUrl.filter((figure) => !keys.has(/^docs\/sources\.md#(.+)$/.exec(figure.sourceFile ?? '')?.[1] ?? '')).map((figure) => figure.id)).toEqual([]);
  });

  test('every address a chapter links to is in docs/sources.md', () => {
    const listed = new Set([...markdown.matchAll(/<(https?:\/\/[^>\s]+)>/g)].map((match) => match[1]));
    const missing = chapterFiles().flatMap((chapter) =>
      [...chapter.body.matchAll(/\]\((https?:\/\/[^)\s]+)\)|href="(https?:\/\/[^"]+)"/g)]
        .map((match) => match[1] ?? match[2])
        .filter((url) => !listed.has(url))
        .map((url) => `${chapter.slug}: ${url}`));
    expect(missing).toEqual([]);
  });
});
