/**
 * The compiler worker: esbuild-wasm, run in this worker (`worker: false`) rather than
 * in a worker esbuild makes itself, so the page owns the thread and can end it. On
 * pathological input (10,000 nested `[`) esbuild's Go runtime overflows the wasm
 * stack and never answers again; the page then terminates this worker and starts
 * another (compiler.ts), as it does on Stop and on its compile time limit.
 *
 * Compiles the reader's TypeScript to one classic script with an inline source map:
 * the runner's worker lives in an opaque origin, where module scripts from blob URLs
 * are refused, so the scenario is an IIFE that leaves its exports in
 * `self.__gilScenario` and takes the simulator from `self.__gilsim` (one instance
 * shared with the engine).
 */
import * as esbuild from 'esbuild-wasm';
import type { CompileError, CompileReply, CompileRequest } from '../protocol';
import { gilsimGlobal, scenarioGlobal } from './compiler-globals';

const post = (reply: CompileReply) => self.postMessage(reply);

/** Only "gilsim" can be imported: scenarios run with nothing else. */
const onlyGilsim: esbuild.Plugin = {
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

async function compile(id: number, source: string): Promise<CompileReply> {
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
    return { type: 'compiled', id, code: output.outputFiles[0].text };
  } catch (failure) {
    const errors = (failure as { errors?: { text: string; location?: { line: number; column: number } | null }[] }).errors;
    // No error list: esbuild itself failed (e.g. its stack overflowed), not the reader's code.
    if (!Array.isArray(errors)) return { type: 'broken', id, message: String(failure) };
    const list: CompileError[] = errors.map((error) => ({ message: error.text, line: error.location?.line ?? 1, column: (error.location?.column ?? 0) + 1 }));
    return { type: 'errors', id, errors: list };
  }
}

self.onmessage = async (event: MessageEvent<CompileRequest>) => {
  const request = event.data;
  if (request.type === 'init') {
    try {
      await esbuild.initialize({ wasmModule: request.wasm, worker: false });
      post({ type: 'ready' });
    } catch (error) {
      post({ type: 'broken', message: String(error) });
    }
    return;
  }
  post(await compile(request.id, request.source));
};
