/**
 * The simulator's module structure (issue 9, item 6): no import cycle under
 * src/sim, type-only imports included (a cycle of types still ties the modules
 * into one that cannot be read or changed alone), and each threading primitive
 * is one module in src/sim/sync/ holding its class, its per-run state and its
 * behaviour, with no trace of them left in the engine's generic modules.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { describe, expect, test } from 'vitest';

const root = new URL('../../', import.meta.url).pathname;

/** Every .ts file under src/sim, relative to the root. */
function simFiles(dir = join(root, 'src/sim')): string[] {
  return readdirSync(dir).sort().flatMap((name) => {
    const full = join(dir, name);
    if (statSync(full).isDirectory()) return simFiles(full);
    return name.endsWith('.ts') ? [relative(root, full)] : [];
  });
}

/**
 * Relative modules a file imports or re-exports, `import type` and `export … from`
 * included: the specifier of every `import … from '…'`, `export … from '…'` and
 * `import '…'` statement (a statement may span lines; comments are dropped first).
 */
function relativeImports(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/^\s*\/\/.*$/gm, '');
  const specifiers = [
    ...[...code.matchAll(/^\s*(?:import|export)\b[^;'"]*?\bfrom\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]),
    ...[...code.matchAll(/^\s*import\s*['"]([^'"]+)['"]/gm)].map((match) => match[1]),
  ];
  return specifiers.filter((specifier) => specifier.startsWith('.'));
}

/** Import graph of `files` (path → text): each file to the files it imports, resolved like the bundler (`x` → `x.ts`, `x/index.ts`). */
function importGraph(files: Record<string, string>): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const [file, text] of Object.entries(files)) {
    const targets = relativeImports(text).map((specifier) => {
      const base = normalize(join(dirname(file), specifier.replace(/\.(?:ts|js)$/, '')));
      const found = [`${base}.ts`, join(base, 'index.ts')].find((candidate) => candidate in files);
      if (!found) throw new Error(`${file} imports ${specifier}, which is no file under src/sim`);
      return found;
    });
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** One import cycle in `graph` as the path that closes it (`a → b → a`), or undefined. */
function findCycle(graph: Map<string, string[]>): string[] | undefined {
  const done = new Set<string>();
  const path: string[] = [];
  const onPath = new Set<string>();
  const visit = (file: string): string[] | undefined => {
    if (onPath.has(file)) return [...path.slice(path.indexOf(file)), file];
    if (done.has(file)) return undefined;
    path.push(file);
    onPath.add(file);
    for (const next of graph.get(file) ?? []) {
      const cycle = visit(next);
      if (cycle) return cycle;
    }
    path.pop();
    onPath.delete(file);
    done.add(file);
    return undefined;
  };
  for (const file of [...graph.keys()].sort()) {
    const cycle = visit(file);
    if (cycle) return cycle;
  }
  return undefined;
}

const sources = Object.fromEntries(simFiles().map((file) => [file, readFileSync(join(root, file), 'utf8')]));
const graph = importGraph(sources);

describe('the cycle check', () => {
  test('reads single-line, multi-line, type-only and re-export imports, and skips comments and packages', () => {
    const text = [
      "import type { A } from './a';",
      'import {',
      '  b,',
      '  type B,',
      "} from '../b';",
      "export { C } from './c';",
      "export type { D } from './d/index';",
      "import './e';",
      "import ts from 'typescript';",
      "// import { f } from './f';",
      "/* import { g } from './g'; */",
      "const text = 'from \"./h\"';",
    ].join('\n');
    expect(relativeImports(text)).toEqual(['./a', '../b', './c', './d/index', './e']);
  });

  test('finds a cycle made only of type imports, and names its files in order', () => {
    const cycle = findCycle(importGraph({
      'src/sim/a.ts': "import { b } from './b';",
      'src/sim/b.ts': "import type { C } from './sync/c';",
      'src/sim/sync/c.ts': "import type {\n  A,\n} from '../a';",
      'src/sim/d.ts': "export { b } from './b';",
    }));
    expect(cycle).toEqual(['src/sim/a.ts', 'src/sim/b.ts', 'src/sim/sync/c.ts', 'src/sim/a.ts']);
  });

  test('finds a re-export cycle through an index file, and none in a tree', () => {
    expect(findCycle(importGraph({
      'src/sim/sync/index.ts': "export { Lock } from './lock';",
      'src/sim/sync/lock.ts': "import type { X } from '.';\nimport type { Y } from '../y';",
      'src/sim/y.ts': '',
    }))).toEqual(['src/sim/sync/index.ts', 'src/sim/sync/lock.ts', 'src/sim/sync/index.ts']);
    expect(findCycle(importGraph({
      'src/sim/a.ts': "import { b } from './b';\nimport { c } from './c';",
      'src/sim/b.ts': "import { c } from './c';",
      'src/sim/c.ts': '',
    }))).toBeUndefined();
  });

  test('refuses an import it cannot resolve (a check that saw no edges would pass anything)', () => {
    expect(() => importGraph({ 'src/sim/a.ts': "import { b } from './missing';" })).toThrow(/missing/);
  });
});

describe('src/sim', () => {
  test('has no import cycle, type-only imports included', () => {
    expect(findCycle(graph)).toBeUndefined();
  });

  test('the checked graph is the real one: every file, and the engine reaching the primitives and the GIL models', () => {
    expect(graph.size).toBe(Object.keys(sources).length);
    expect(graph.get('src/sim/perform.ts')).toEqual(expect.arrayContaining(['src/sim/sync/lock.ts', 'src/sim/sync/event.ts', 'src/sim/sync/queue.ts']));
    expect(graph.get('src/sim/world.ts')).toEqual(expect.arrayContaining(['src/sim/thread.ts', 'src/sim/gil/new-gil.ts']));
  });

  const primitives = [
    { name: 'Lock', file: 'src/sim/sync/lock.ts', state: 'LockState', ops: ['lockAcquire', 'lockRelease'] },
    { name: 'Event', file: 'src/sim/sync/event.ts', state: 'EventState', ops: ['eventSet', 'eventWait'] },
    { name: 'Queue', file: 'src/sim/sync/queue.ts', state: 'QueueState', ops: ['queuePut', 'queueGet'] },
  ];

  test.each(primitives)('$name is one module in src/sim/sync/: class, per-run state and behaviour', ({ name, file, state, ops }) => {
    const text = sources[file];
    expect(text, file).toBeDefined();
    expect(text).toMatch(new RegExp(`export class ${name}\\b`));
    expect(text).toMatch(new RegExp(`export interface ${state}\\b`));
    // Behaviour: a function taking each of its operations.
    for (const op of ops) expect(text).toMatch(new RegExp(`export function \\w+(?:<[^>]*>)?\\([^)]*op: ${op[0].toUpperCase()}${op.slice(1)}Op\\b`));
    // The public barrel takes the class from there.
    expect(sources['src/sim/index.ts']).toContain(`export { ${name} } from './sync/${file.split('/').pop()!.replace(/\.ts$/, '')}'`);
  });

  test('no module outside src/sim/sync/ defines a primitive or its state', () => {
    const names = primitives.flatMap(({ name, state }) => [`class ${name}\\b`, `\\b${state}\\b`]);
    const strays = Object.entries(sources)
      .filter(([file]) => !file.startsWith('src/sim/sync/'))
      .flatMap(([file, text]) => names.filter((pattern) => new RegExp(pattern).test(text)).map((pattern) => `${file}: ${pattern}`));
    expect(strays).toEqual([]);
  });

  test('nothing in src/sim/sync/ imports the engine (it sees threads through sync/primitive.ts)', () => {
    const engine = ['src/sim/perform.ts', 'src/sim/world.ts', 'src/sim/thread.ts', 'src/sim/run.ts'];
    const reached = [...graph].filter(([file]) => file.startsWith('src/sim/sync/'))
      .flatMap(([file, targets]) => targets.filter((target) => engine.includes(target)).map((target) => `${file} → ${target}`));
    expect(reached).toEqual([]);
  });
});
