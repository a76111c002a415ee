/**
 * The message protocol between the page and the runner worker (which lives inside a
 * sandboxed, opaque-origin iframe). One discriminated union per direction, shared by
 * both sides. Every request carries an id that increments per page; the page drops
 * any reply whose id is not the one it is waiting for (a stale run).
 */
import type { RunResult } from '../sim/result';
import type { RunControls } from './controls';
import type { MachineOverrides } from '../sim/params';

/** One configuration to run the scenario under (compare mode sends several). */
export interface RunVariant {
  /** Label shown above this run's timeline, e.g. "CPython 2.7, 2 CPUs". */
  label: string;
  controls: RunControls;
  /** Further overrides a chapter's `data-variants` fixed; they win over the controls. */
  extra?: MachineOverrides;
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

/** Worker → page. */
export type RunnerReply =
  /** The worker is up and can take a request (status, not a result). */
  | { type: 'ready' }
  /** Progress of a request (status, not a result). */
  | { type: 'status'; id: number; text: string }
  /** Every variant ran (each may have failed on its own). */
  | { type: 'result'; id: number; runs: VariantOutcome[]; elapsedMs: number }
  /** The Python program an 'export-python' request asked for. */
  | { type: 'python'; id: number; program: string }
  /** The module itself failed: it threw while loading or exported no scenario. */
  | { type: 'error'; id: number; error: ScenarioError };

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
  isCurrent(reply: RunnerReply): boolean {
    return reply.type === 'ready' || reply.id === this.#current;
  }
}
