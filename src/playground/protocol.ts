/**
 * The message protocol between the page and the runner worker (which lives inside a
 * sandboxed, opaque-origin iframe). One discriminated union per direction, shared by
 * both sides. Every request carries an id that increments per page; the page drops
 * any reply whose id is not the one it is waiting for (a stale run). The worker runs
 * the reader's code, so everything it sends is checked here (`readReply`) before the
 * page uses it.
 */
import type { RunResult } from '../sim/result';
import type { FixedOptions, RunControls } from './controls';
import { finiteNumber, listOf, object, textUpTo, wholeIn } from './run/shape';
import { maxMessageChars, scenarioError, variantOutcome } from './run/result-shape';

/** One configuration to run the scenario under (compare mode sends several). */
export interface RunVariant {
  /** Label shown above this run's timeline, e.g. "CPython 2.7, 2 CPUs". */
  label: string;
  controls: RunControls;
  /** Further overrides (and knob values) a chapter's `data-variants` fixed; they win over the controls. */
  extra?: FixedOptions;
}

/** A scenario-caused error, with the line of the reader's TypeScript when known. */
export interface ScenarioError {
  message: string;
  /** 1-based line in the scenario source. */
  line?: number;
  column?: number;
  /** The engine stopped the run at its budget (events or simulated time). */
  limit?: boolean;
}

/** What happened to one variant. */
export type VariantOutcome =
  | { ok: true; label: string; result: RunResult }
  | { ok: false; label: string; error: ScenarioError };

/** Page → worker. */
export type RunnerRequest =
  | {
    type: 'run';
    id: number;
    /** The compiled ES module; its `"gilsim"` import is rewritten by the worker. */
    code: string;
    variants: RunVariant[];
    /** Engine event budget per variant. */
    maxEvents: number;
  }
  /** Write the scenario as a Python program (the exporter runs it once, under `variant`, to record each thread). */
  | { type: 'export-python'; id: number; code: string; variant: RunVariant; maxEvents: number };

/**
 * Worker → page, as posted. A result or a Python program travels as text: the page
 * checks its length before it parses anything, so no reply can make it build
 * gigabytes of objects, and JSON.parse is as fast as a structured clone of the same
 * objects (measured: 1 M intervals, 97 MB, ~0.9 s either way).
 */
export type RunnerMessage =
  /** The worker is up and can take its one request. */
  | { type: 'ready' }
  /** Progress of a request (status, not a result). */
  | { type: 'status'; id: number; text: string }
  /** Every variant ran (each may have failed on its own): the JSON of a `ResultBody`. */
  | { type: 'result'; id: number; json: string }
  /** The Python program an 'export-python' request asked for. */
  | { type: 'python'; id: number; program: string }
  /** The module itself failed: it threw while loading or exported no scenario. */
  | { type: 'error'; id: number; error: ScenarioError };

/** What a 'result' message's JSON holds. */
export interface ResultBody {
  runs: VariantOutcome[];
  elapsedMs: number;
}

/** A runner message the page checked and accepted (a result's JSON parsed into its runs). */
export type RunnerReply = Exclude<RunnerMessage, { type: 'result' }> | ({ type: 'result'; id: number } & ResultBody);

/** Iframe → page, on the frame's own channel: its heartbeat, and the worker failing to start or dying. */
export type FrameMessage = { type: 'pong' } | { type: 'worker-error'; message: string };

/**
 * The largest result or Python program the page takes, in characters. A run near the
 * engine's event budget (about a million intervals) is ~130 MB of JSON and takes the
 * page about a second to parse; a bigger reply is refused with a message instead.
 */
export const maxPayloadChars = 160_000_000;

// Taken when this module loads, before any scenario code runs in the worker: a scenario
// can replace `JSON.stringify` for its own run, but the reply is then still one string.
const stringify = JSON.stringify;

/** Worker side: a 'result' message, or an error the reader can act on when the result is too large to send. */
export function resultMessage(id: number, body: ResultBody): RunnerMessage {
  const failure = (message: string): RunnerMessage => ({ type: 'error', id, error: { message: clip(message) } });
  const tooLarge = (size: string) => failure(`The result is too large to show (${size} of data; the playground takes up to ${megabytes(maxPayloadChars)}). Make the scenario shorter: fewer threads, turns or log lines.`);
  let json: unknown;
  try {
    json = stringify(body);
  } catch (error) {
    // Past ~512 MB, JSON.stringify throws "Invalid string length".
    return error instanceof RangeError ? tooLarge('over 500 MB') : failure(`The result could not be sent: ${String(error)}`);
  }
  if (typeof json !== 'string') return failure('The result could not be sent (it did not turn into JSON).');
  if (json.length > maxPayloadChars) return tooLarge(megabytes(json.length));
  return { type: 'result', id, json };
}

/** Worker side: a 'python' message, or an error when the program is too large. */
export function pythonMessage(id: number, program: string): RunnerMessage {
  if (program.length > maxPayloadChars) return { type: 'error', id, error: { message: `The Python program is too large to save (${megabytes(program.length)}). Make the scenario shorter.` } };
  return { type: 'python', id, program };
}

/** A message or status line cut to what the page shows (the page refuses longer ones). */
export function clip(message: string): string {
  return message.length <= maxMessageChars ? message : `${message.slice(0, maxMessageChars - 1)}…`;
}

const megabytes = (chars: number) => `${Math.ceil(chars / 1e6)} MB`;

/** The outcome of checking an untrusted message. */
export type Checked<T> = { ok: true; value: T } | { ok: false; problem: string };

const requestId = wholeIn(1, Number.MAX_SAFE_INTEGER);
const statusText = textUpTo(maxMessageChars);
const resultBody = object<ResultBody>({ runs: listOf(variantOutcome), elapsedMs: finiteNumber });
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null;

/**
 * Page side: accept a message from the runner only if it has exactly the shape of a
 * `RunnerMessage`, within the size limits; never throws. The problem says what is
 * wrong, for the reader ("result.runs[0].result.trace.cpus is not …").
 */
export function readReply(data: unknown): Checked<RunnerReply> {
  const refuse = (problem: string): Checked<RunnerReply> => ({ ok: false, problem });
  if (!isRecord(data)) return refuse('the message is not an object');
  if (data.type === 'ready') return { ok: true, value: { type: 'ready' } };
  if (!requestId.is(data.id)) return refuse('the message has no valid request id');
  const id = data.id;
  switch (data.type) {
    case 'status':
      return statusText.is(data.text) ? { ok: true, value: { type: 'status', id, text: data.text } } : refuse(statusText.why(data.text, 'status.text')!);
    case 'error':
      return scenarioError.is(data.error) ? { ok: true, value: { type: 'error', id, error: data.error } } : refuse(scenarioError.why(data.error, 'error')!);
    case 'python': {
      const program = data.program;
      if (typeof program !== 'string') return refuse('the Python program is not a string');
      if (program.length > maxPayloadChars) return refuse(`the Python program is too large (${megabytes(program.length)})`);
      return { ok: true, value: { type: 'python', id, program } };
    }
    case 'result': {
      const json = data.json;
      if (typeof json !== 'string') return refuse('the result is not JSON text');
      if (json.length > maxPayloadChars) return refuse(`the result is too large (${megabytes(json.length)}; the page takes up to ${megabytes(maxPayloadChars)})`);
      let body: unknown;
      try {
        body = JSON.parse(json);
      } catch {
        return refuse('the result is not valid JSON');
      }
      if (!resultBody.is(body)) return refuse(resultBody.why(body, 'result')!);
      return { ok: true, value: { type: 'result', id, runs: body.runs, elapsedMs: body.elapsedMs } };
    }
    default:
      return refuse('the message has an unknown type');
  }
}

/** Page side: a message on the frame's channel, or undefined if it is not one. */
export function readFrameMessage(data: unknown): FrameMessage | undefined {
  if (!isRecord(data)) return undefined;
  if (data.type === 'pong') return { type: 'pong' };
  if (data.type === 'worker-error' && statusText.is(data.message)) return { type: 'worker-error', message: data.message };
  return undefined;
}

/** A compile error at a 1-based line and column of the scenario. */
export interface CompileError {
  message: string;
  line: number;
  column: number;
}

/** Page → compiler worker (run/compile-worker.ts). */
export type CompileRequest =
  /** esbuild.wasm, compiled once per page, for the worker to instantiate. */
  | { type: 'init'; wasm: WebAssembly.Module }
  | { type: 'compile'; id: number; source: string };

/** Compiler worker → page. */
export type CompileReply =
  | { type: 'ready' }
  /** esbuild could not start, or broke down during a compile (the page restarts the worker). */
  | { type: 'broken'; id?: number; message: string }
  | { type: 'compiled'; id: number; code: string }
  | { type: 'errors'; id: number; errors: CompileError[] };

/** Hands out increasing request ids and tells whether a reply is current. */
export class RequestCounter {
  #current = 0;
  /** Start a new request; every earlier id becomes stale. */
  next(): number {
    return ++this.#current;
  }
  /** Forget the current request (after Stop), so its late replies are dropped too. */
  cancel(): void {
    this.#current++;
  }
  /** Is this reply for the request being waited on? */
  isCurrent(reply: RunnerReply | RunnerMessage): boolean {
    return reply.type === 'ready' || reply.id === this.#current;
  }
}
