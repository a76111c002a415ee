/**
 * The compiler proxy: esbuild-wasm (running in its own worker), initialised once per
 * page from the site's own esbuild.wasm. Compiles the reader's TypeScript to one
 * classic script with an inline source map: the runner's worker lives in an opaque
 * origin, where module scripts from blob URLs are refused, so the scenario is an
 * IIFE that leaves its exports in `self.__gilScenario` and takes the simulator from
 * `self.__gilsim` (one instance shared with the engine).
 */
import type { Plugin } from 'esbuild-wasm';
import { gilsimGlobal, scenarioGlobal } from './compiler-globals';

/** A compile error at a 1-based line and column of the scenario. */
export interface CompileError {
  message: string;
  line: number;
  column: number;
}

export type CompileResult = { ok: true; code: string } | { ok: false; errors: CompileError[] };


let ready: Promise<typeof import('esbuild-wasm')> | undefined;

/** Load and initialise esbuild once; later calls share the same promise. */
export function loadCompiler(): Promise<typeof import('esbuild-wasm')> {
  ready ??= (async () => {
    const [esbuild, wasm] = await Promise.all([import('esbuild-wasm'), import('esbuild-wasm/esbuild.wasm?url')]);
    await esbuild.initialize({ wasmURL: wasm.default, worker: true });
    return esbuild;
  })();
  ready.catch(() => (ready = undefined)); // a failed download may be retried
  return ready;
}

/** Only "gilsim" can be imported: scenarios run with nothing else. */
const onlyGilsim: Plugin = {
  name: 'only-gilsim',
  setup(build) {
    build.onResolve({ filter: /.*/ }, (args) => {
      if (args.path === 'gilsim') return { path: 'gilsim', namespace: 'gilsim' };
      if (args.kind === 'entry-point') return undefined;
      return { errors: [{ text: `Only "gilsim" can be imported in a scenario, not "${args.path}".` }] };
    });
    build.onLoad({ filter: /.*/, namespace: 'gilsim' }, () => ({ contents: `module.exports = self.${gilsimGlobal};`, loader: 'js' }));
  },
};

/** Compile a scenario's TypeScript. Errors come back as data, never thrown. */
export async function compileScenario(source: string): Promise<CompileResult> {
  const esbuild = await loadCompiler();
  try {
    const output = await esbuild.build({
      stdin: { contents: source, loader: 'ts', sourcefile: 'scenario.ts' },
      bundle: true,
      format: 'iife',
      globalName: scenarioGlobal,
      target: 'es2022',
      sourcemap: 'inline',
      write: false,
      logLevel: 'silent',
      plugins: [onlyGilsim],
    });
    return { ok: true, code: output.outputFiles[0].text };
  } catch (failure) {
    const errors = (failure as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors;
    if (!errors) return { ok: false, errors: [{ message: String(failure), line: 1, column: 1 }] };
    return {
      ok: false,
      errors: errors.map((error) => ({ message: error.text, line: error.location?.line ?? 1, column: (error.location?.column ?? 0) + 1 })),
    };
  }
}
