/**
 * Bundling this repository's TypeScript with esbuild, the one way the CLI, the benchmark
 * (bench/run.mjs) and the calibration run (scripts/calibrate.mjs) all do it: "gilsim"
 * resolves to the simulator's source (src/sim/index.ts), as in Vite and tsconfig, and an
 * import ending in `?raw` is the file's text, as in Vite (the exporter imports its Python
 * prelude that way: `import prelude from './prelude.py?raw'`).
 *
 * Two outputs: `bundleForSandbox` makes the classic script the CLI's scenario process runs
 * (the scenario file, the simulator and one entry of src/cli/sandboxed/), and
 * `importBundled` bundles a Node entry to a temporary module and imports it.
 *
 * Node imports this file as it is (type stripping, Node 22.18+): the .mjs scripts run on the
 * project's Node 24 through npm, the CLI through bin/gilsim.mjs.
 */
import { build, type BuildFailure, type Message, type Plugin } from 'esbuild';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { SourceMap } from 'node:module';
import { tmpdir } from 'node:os';
import { extname, join, relative, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const simEntry = join(root, 'src/sim/index.ts');

/** The bundle's name in stack traces and its source map; never written to disk. */
export const sandboxBundleFile = join(root, 'gilsim-bundle.js');

/** "gilsim" → the simulator's source; `path?raw` → the text of `path`. */
const repositoryImports: Plugin = {
  name: 'gilsim-repository-imports',
  setup(build) {
    build.onResolve({ filter: /^gilsim$/ }, () => ({ path: simEntry }));
    build.onResolve({ filter: /\?raw$/ }, (args) => ({
      path: resolve(args.resolveDir, args.path.slice(0, -'?raw'.length)), namespace: 'raw',
    }));
    build.onLoad({ filter: /.*/, namespace: 'raw' }, (args) => ({
      contents: readFileSync(args.path, 'utf8'), loader: 'text',
    }));
  },
};

const scenarioLoaders: Record<string, 'ts' | 'tsx' | 'jsx'> = { '.ts': 'ts', '.mts': 'ts', '.cts': 'ts', '.tsx': 'tsx', '.jsx': 'jsx' };

/**
 * The scenario file is loaded in its own namespace, and from there only "gilsim" resolves:
 * it cannot import node:fs, a package or another file (the playground's rule). Entries
 * name it "gilsim:scenario"; the simulator and the CLI's own modules import as usual.
 */
function onlyGilsim(file: string | undefined): Plugin {
  return {
    name: 'only-gilsim',
    setup(build) {
      build.onResolve({ filter: /.*/ }, (args) => {
        if (args.namespace === 'scenario') {
          if (args.path === 'gilsim') return { path: simEntry };
          return { errors: [{ text: `Only "gilsim" can be imported in a scenario, not "${args.path}".` }] };
        }
        if (args.path === 'gilsim:scenario' && file) return { path: file, namespace: 'scenario' };
        return undefined;
      });
      build.onLoad({ filter: /.*/, namespace: 'scenario' }, (args) => ({
        contents: readFileSync(args.path, 'utf8'), loader: scenarioLoaders[extname(args.path)] ?? 'js', resolveDir: root,
      }));
    },
  };
}

export type SandboxBundle =
  | { ok: true; code: string; map: SourceMap }
  | { ok: false; messages: string[] };

/**
 * One classic script that runs `entry` (a module of src/cli/sandboxed/ whose default export
 * takes `args` and returns the text to print) and leaves its result in
 * `globalThis.gilsimOutput`, where the scenario process reads it. `scenarioFile` is what
 * the entry's "gilsim:scenario" imports. Compile errors come back as messages with the
 * scenario's file:line:col.
 */
export async function bundleForSandbox(entry: string, args: unknown, scenarioFile?: string): Promise<SandboxBundle> {
  const contents = `import entry from ${JSON.stringify(entry)};\nglobalThis.gilsimOutput = entry(${JSON.stringify(args) ?? 'undefined'});\n`;
  try {
    const result = await build({
      outfile: sandboxBundleFile,
      stdin: { contents, resolveDir: root, sourcefile: 'gilsim-entry.mjs', loader: 'js' },
      bundle: true,
      write: false,
      format: 'iife',
      platform: 'neutral',
      target: 'es2022',
      sourcemap: 'external',
      // only-gilsim first: it answers every import in the scenario before a `?raw` could read a file.
      plugins: [onlyGilsim(scenarioFile), repositoryImports],
      logLevel: 'silent',
    });
    const output = (suffix: string) => result.outputFiles.find((file) => file.path.endsWith(suffix))!.text;
    return { ok: true, code: output('.js'), map: new SourceMap(JSON.parse(output('.js.map'))) };
  } catch (error) {
    const messages = ((error as Partial<BuildFailure>).errors ?? []).map(compileMessage);
    return { ok: false, messages: messages.length ? messages : [String((error as Error).message ?? error)] };
  }
}

/** "file:line:col: error: text", the file as esbuild prints it (relative), the scenario's namespace taken off. */
function compileMessage(entry: Message): string {
  if (!entry.location) return `error: ${entry.text}`;
  const { file, line, column } = entry.location;
  const shown = file.startsWith('scenario:') ? relative(process.cwd(), file.slice('scenario:'.length)) : file;
  return `${shown}:${line}:${column + 1}: error: ${entry.text}`;
}

/** Bundle the TypeScript module `entry` for Node (everything but Node's own modules inlined) into `outfile`. */
export async function bundleForNode(entry: string, outfile: string): Promise<void> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile,
    plugins: [repositoryImports],
    logLevel: 'warning',
  });
  writeFileSync(outfile, result.outputFiles[0].text);
}

/** `bundleForNode`, imported: returns the module's exports. The temporary file is gone once it is loaded. */
export async function importBundled<Exports>(entry: string): Promise<Exports> {
  const dir = mkdtempSync(join(tmpdir(), 'gil-lab-bundle-'));
  try {
    const outfile = join(dir, 'bundle.mjs');
    await bundleForNode(entry, outfile);
    return (await import(pathToFileURL(outfile).href)) as Exports;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
