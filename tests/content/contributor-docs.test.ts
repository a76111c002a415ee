/**
 * The contributor docs stay true: every file they name exists, every name the
 * concept index gives for a file is in that file, and the layering rules
 * CONTRIBUTING.md states hold in the code (nothing imports upward; the simulator,
 * the timeline core, the exporter and the playground's pure modules touch no DOM).
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, extname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;
const read = (file: string) => readFileSync(join(root, file), 'utf8');

const contributorDocs = ['CONTRIBUTING.md', 'docs/concepts.md', 'src/python-export/README.md', 'calibration/README.md'];
const topLevel = /^(?:src|tests|scripts|calibration|content|bench|bin|docs|examples|public)\/|^(?:package\.json|astro\.config\.mjs|vitest\.config\.ts|tsconfig\.json|README\.md|CONTRIBUTING\.md)$/;

/** Backticked repository paths in a Markdown text, without placeholders or globs. */
function pathsIn(markdown: string): string[] {
  return [...markdown.matchAll(/`([^`\s]+)`/g)]
    .map((match) => match[1].replace(/[#:].*$/, ''))
    .filter((token) => topLevel.test(token) && !/[<>*…{}]/.test(token));
}

describe('the contributor docs', () => {
  test.each(contributorDocs)('%s exists and every file or folder it names exists', (doc) => {
    expect(existsSync(join(root, doc)), doc).toBe(true);
    const paths = pathsIn(read(doc));
    expect(paths.length).toBeGreaterThan(0);
    expect(paths.filter((path) => !existsSync(join(root, path)))).toEqual([]);
  });

  const items = [...read('docs/concepts.md').matchAll(/^- `([^`]+)`(?:: (.*?))? — /gm)].map((match) => ({
    file: match[1],
    names: [...(match[2] ?? '').matchAll(/`([^`]+)`/g)].map((name) => name[1]),
  }));

  test('the concept index names files and what to look for in them', () => {
    expect(items.length).toBeGreaterThan(40);
    expect(items.filter((item) => item.names.length > 0).length).toBeGreaterThan(30);
  });

  test.each(items.map((item) => [`${item.file}: ${item.names.join(', ') || '(the file)'}`, item] as const))('concept index: %s', (_label, item) => {
    expect(existsSync(join(root, item.file)), item.file).toBe(true);
    const text = read(item.file);
    expect(item.names.filter((name) => !text.includes(name))).toEqual([]);
  });

  test('the concepts the issue asks for are all indexed', () => {
    const index = read('docs/concepts.md').toLowerCase();
    for (const concept of ['convoy effect', 'switch interval', 'check interval', 'semaphore race', 'drop request', 'force_switching', 'timer slack', 'share links', 'sandbox runner']) {
      expect(index, concept).toContain(concept);
    }
  });
});

// ---- layering ----

/** Every .ts file under `dir` (relative to the root). */
function tsFiles(dir: string): string[] {
  const found: string[] = [];
  const walk = (path: string) => {
    for (const name of readdirSync(path).sort()) {
      const full = join(path, name);
      if (statSync(full).isDirectory()) walk(full);
      else if (extname(name) === '.ts') found.push(relative(root, full));
    }
  };
  walk(join(root, dir));
  return found;
}

/** Module specifiers a file imports or re-exports, static and dynamic. */
function importsOf(file: string): string[] {
  const source = ts.createSourceFile(file, read(file), ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier && ts.isStringLiteral(node.moduleSpecifier)) {
      found.push(node.moduleSpecifier.text);
    } else if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword && ts.isStringLiteral(node.arguments[0])) {
      found.push(node.arguments[0].text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** Where an import lands: a repository path for local modules ("gilsim" is src/sim), or the package name. */
function target(file: string, specifier: string): string {
  const bare = specifier.replace(/\?.*$/, '');
  if (bare === 'gilsim') return 'src/sim/index.ts';
  const local = bare.startsWith('.') ? relative(root, resolve(join(root, dirname(file)), bare)) : undefined;
  if (local && !local.startsWith('node_modules/')) return local;
  return `package:${local?.slice('node_modules/'.length) ?? bare}`;
}

/** Globals that only exist in a browser page. */
const domGlobals = new Set(['document', 'window', 'navigator', 'localStorage', 'sessionStorage', 'HTMLElement', 'customElements', 'requestAnimationFrame']);

/** Uses of browser globals as values (not property names, not types) in `text`. */
function domUsesIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const uses: string[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isTypeNode(node)) return;
    if (ts.isIdentifier(node) && domGlobals.has(node.text)) {
      const parent = node.parent;
      const isPropertyName = (ts.isPropertyAccessExpression(parent) && parent.name === node)
        || ((ts.isPropertyAssignment(parent) || ts.isPropertyDeclaration(parent) || ts.isMethodDeclaration(parent)) && parent.name === node);
      if (!isPropertyName) uses.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${node.text}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

const domUses = (file: string) => domUsesIn(file, read(file));

/** Reads of the real clock or of unseeded randomness in `text` (comments do not count). */
function clockAndRandomIn(file: string, text: string): string[] {
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const found: string[] = [];
  const visit = (node: ts.Node) => {
    const what = ts.isPropertyAccessExpression(node) ? node.getText(source) : ts.isNewExpression(node) ? `new ${node.expression.getText(source)}` : '';
    if (['Math.random', 'Date.now', 'performance.now', 'new Date'].includes(what)) {
      found.push(`${file}:${source.getLineAndCharacterOfPosition(node.getStart()).line + 1} ${what}`);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

/** What each layer may import from the repository besides its own folder. */
const layers: { dir: string; may: string[] }[] = [
  { dir: 'src/sim', may: [] },
  { dir: 'src/timeline', may: ['src/sim'] },
  { dir: 'src/python-export', may: ['src/sim'] },
  { dir: 'src/cli', may: ['src/sim', 'src/timeline', 'src/python-export'] },
  { dir: 'src/playhead', may: ['src/sim', 'src/timeline'] },
  { dir: 'src/playground', may: ['src/sim', 'src/timeline', 'src/python-export', 'src/playhead'] },
];

describe('the layering rules of CONTRIBUTING.md', () => {
  test.each(layers.map((layer) => [layer.dir, layer] as const))('%s imports nothing above it', (_dir, layer) => {
    const files = tsFiles(layer.dir);
    expect(files.length).toBeGreaterThan(0);
    const upward = files.flatMap((file) => importsOf(file).map((specifier) => ({ file, specifier, to: target(file, specifier) })))
      .filter(({ to }) => !to.startsWith('package:') && ![layer.dir, ...layer.may].some((allowed) => to.startsWith(`${allowed}/`)))
      .map(({ file, specifier }) => `${file} imports ${specifier}`);
    expect(upward).toEqual([]);
  });

  test('the simulator, the timeline core and the exporter import no Node or npm module either', () => {
    const imported = ['src/sim', 'src/timeline', 'src/python-export'].flatMap(tsFiles)
      .flatMap((file) => importsOf(file).filter((specifier) => target(file, specifier).startsWith('package:')).map((specifier) => `${file} imports ${specifier}`));
    expect(imported).toEqual([]);
  });

  test('the simulator, the timeline core, the exporter and the playground\'s pure modules use no browser globals', () => {
    const pure = ['controls.ts', 'share.ts', 'persistence.ts', 'workspace.ts', 'session.ts', 'protocol.ts', 'export-files.ts', 'result-rows.ts', 'timeline/geometry.ts', 'run/source-lines.ts']
      .map((name) => `src/playground/${name}`);
    const files = [...['src/sim', 'src/timeline', 'src/python-export'].flatMap(tsFiles), 'src/playhead/caption.ts', ...pure.filter((file) => existsSync(join(root, file)))];
    expect(files.flatMap(domUses)).toEqual([]);
  });

  test('the simulator reads no real clock and no unseeded randomness', () => {
    expect(tsFiles('src/sim').flatMap((file) => clockAndRandomIn(file, read(file)))).toEqual([]);
    expect(clockAndRandomIn('x.ts', 'const a = Math.random();\n// Date.now()\nconst b = new Date();')).toEqual(['x.ts:1 Math.random', 'x.ts:3 new Date']);
  });

  test('the DOM check sees browser globals and ignores property names and types', () => {
    const text = 'const a = window.innerWidth;\nconst b = { document: 1 };\nlet c: Window; b.document;\ndocument.title = "x";';
    expect(domUsesIn('x.ts', text)).toEqual(['x.ts:1 window', 'x.ts:4 document']);
  });

  test('the import check resolves relative paths and the gilsim alias', () => {
    expect(target('src/playground/app.ts', '../sim/index')).toBe('src/sim/index');
    expect(target('src/python-export/python.ts', 'gilsim')).toBe('src/sim/index.ts');
    expect(target('src/playground/run/compiler.ts', 'esbuild-wasm/esbuild.wasm?url')).toBe('package:esbuild-wasm/esbuild.wasm');
  });

  test('nothing under src/ imports the tests', () => {
    const fromTests = tsFiles('src').flatMap((file) => importsOf(file).filter((specifier) => target(file, specifier).startsWith('tests/')).map((specifier) => `${file} imports ${specifier}`));
    expect(fromTests).toEqual([]);
  });
});
