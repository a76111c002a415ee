/**
 * The compiler proxy: esbuild-wasm in a worker the page owns (compile-worker.ts),
 * fed the site's own esbuild.wasm, compiled once per page. Compiles run one at a
 * time. A compile that Stop ends, that passes the time limit, or that breaks esbuild
 * (10,000 nested `[` overflow its stack, after which it never answers) ends the
 * worker; the next compile starts a fresh one, which only instantiates the module
 * compiled already.
 */
import CompileWorker from './compile-worker.ts?worker';
import wasmUrl from 'esbuild-wasm/esbuild.wasm?url';
import type { CompileError, CompileReply } from '../protocol';

export type { CompileError } from '../protocol';

/** Why a compile did not finish. */
export interface CompileHalt {
  reason: 'stop' | 'timeout' | 'crashed';
  /** For the reader. */
  message: string;
}

export type CompileResult =
  | { ok: true; code: string }
  | { ok: false; errors: CompileError[]; halted?: undefined }
  /** The compiler did not finish (there are no errors to mark). */
  | { ok: false; errors: []; halted: CompileHalt };

/** Longest a compile may take (a first compile on a slow phone takes a few seconds). */
export const compileTimeoutMs = 15_000;

let wasm: Promise<WebAssembly.Module> | undefined;

/** esbuild.wasm, downloaded and compiled once; every compiler worker instantiates the same module. */
function loadWasm(): Promise<WebAssembly.Module> {
  wasm ??= (async () => {
    const response = await fetch(wasmUrl);
    if (!response.ok) throw new Error(`could not load the compiler (${response.status})`);
    if (/^application\/wasm\b/i.test(response.headers.get('content-type') ?? '')) return WebAssembly.compileStreaming(response);
    return WebAssembly.compile(await response.arrayBuffer());
  })();
  wasm.catch(() => (wasm = undefined)); // a failed download may be retried
  return wasm;
}

/** One compiler worker, from start to `end`. */
class CompilerThread {
  readonly ready: Promise<void>;
  readonly #worker: Worker = new CompileWorker();
  readonly #waiting = new Map<number, (reply: CompileReply) => void>();

  constructor(module: Promise<WebAssembly.Module>) {
    this.ready = new Promise<void>((resolve, reject) => {
      this.#worker.onmessage = (event: MessageEvent<CompileReply>) => {
        const reply = event.data;
        if (reply.type === 'ready') resolve();
        else if (reply.id === undefined) reject(new Error(`the compiler could not start: ${reply.type === 'broken' ? reply.message : reply.type}`));
        else this.#waiting.get(reply.id)?.(reply);
      };
      // An uncaught failure inside the worker (esbuild's runtime dying): fail what waits.
      this.#worker.onerror = (event) => {
        event.preventDefault();
        const message = event.message || 'the compiler stopped';
        reject(new Error(message));
        this.#failAll(message);
      };
      module.then((compiled) => this.#worker.postMessage({ type: 'init', wasm: compiled }), reject);
    });
    this.ready.catch(() => this.end());
  }

  /** The worker's reply to one compile (a 'broken' reply if the worker dies first). */
  compile(id: number, source: string): Promise<CompileReply> {
    return new Promise((resolve) => {
      this.#waiting.set(id, (reply) => {
        this.#waiting.delete(id);
        resolve(reply);
      });
      this.#worker.postMessage({ type: 'compile', id, source });
    });
  }

  end(): void {
    this.#worker.terminate();
    this.#failAll('the compiler was ended');
    if (thread === this) thread = undefined;
  }

  #failAll(message: string): void {
    for (const [id, settle] of this.#waiting) settle({ type: 'broken', id, message });
  }
}

let thread: CompilerThread | undefined;
let lastId = 0;
/** The compile before this one: compiles run one at a time. */
let queue: Promise<unknown> = Promise.resolve();

function compilerThread(): CompilerThread {
  thread ??= new CompilerThread(loadWasm());
  return thread;
}

/** Download and start esbuild (ahead of the first Run); later calls share the same worker. */
export function loadCompiler(): Promise<void> {
  return compilerThread().ready;
}

const halted = (reason: CompileHalt['reason'], message: string): CompileResult => ({ ok: false, errors: [], halted: { reason, message } });

/**
 * Compile a scenario's TypeScript. Errors in the code come back as data; so does a
 * compile that Stop (`signal`), the time limit or a broken compiler ended. Throws only
 * when esbuild cannot be downloaded or started.
 */
export function compileScenario(source: string, signal?: AbortSignal): Promise<CompileResult> {
  const turn = queue.then(() => compileNow(source, signal));
  queue = turn.catch(() => undefined);
  return turn;
}

async function compileNow(source: string, signal: AbortSignal | undefined): Promise<CompileResult> {
  const stopped = halted('stop', 'Stopped while compiling.');
  if (signal?.aborted) return stopped;
  const worker = compilerThread();
  const aborted = new Promise<'stop'>((resolve) => signal?.addEventListener('abort', () => resolve('stop'), { once: true }));
  const started = worker.ready.then(() => 'ready' as const);
  // Stopped before esbuild was up: its later failure (a download cut short) is not the reader's concern.
  started.catch(() => undefined);
  if ((await Promise.race([started, aborted])) === 'stop') return stopped;
  let timer: number | undefined;
  const timedOut = new Promise<'timeout'>((resolve) => (timer = window.setTimeout(() => resolve('timeout'), compileTimeoutMs)));
  const reply = await Promise.race([worker.compile(++lastId, source), aborted, timedOut]);
  window.clearTimeout(timer);
  if (reply === 'stop' || reply === 'timeout' || reply.type === 'broken') {
    worker.end(); // it may never answer again
    if (reply === 'stop') return stopped;
    if (reply === 'timeout') return halted('timeout', `The compiler gave up after ${compileTimeoutMs / 1000} s on this code (is something nested very deeply?). The page is fine; edit and Run again.`);
    return halted('crashed', `The compiler failed on this code (${reply.message}): is something nested too deeply? The page is fine; edit and Run again.`);
  }
  if (reply.type === 'compiled') return { ok: true, code: reply.code };
  if (reply.type === 'errors') return { ok: false, errors: reply.errors };
  worker.end();
  return halted('crashed', 'The compiler sent an unexpected reply; edit and Run again.');
}
