/**
 * What every threading primitive (`lock.ts`, `event.ts`, `queue.ts`) is built on,
 * SimPy `resources/` style: each primitive's module holds its API class, its
 * per-run state and its behaviour, and needs of the engine only what is here.
 *
 * The narrow views keep the primitives independent of how threads run scenario
 * code (as `gil/thread-view.ts` does for the GIL models), so nothing in `sync/`
 * imports the engine and the engine's modules form no import cycle.
 */

import type { Immediate, Resume } from '../blocking-call';

/**
 * Ids of locks, events and queues, shared by the three so each is unique in a run
 * (the exporter and the trace name objects by it). A counter in an object so the
 * classes can read and bump the same one.
 */
export const syncIds = { next: 1 };

/** What a primitive needs of the thread whose operation it carries out. */
export interface Waiter {
  readonly name: string;
  /** Set while it waits on a primitive: wakes it with the value the operation returns. */
  resumeWith: ((value: unknown) => void) | undefined;
}

/**
 * The engine's blocking call (see `blocking-call.ts`): release the GIL, sleep
 * until `arm`'s resume is called, take the GIL back. `ready` says whether the
 * condition got met while the GIL was being released; `waitingOn` names what the
 * thread waits for in deadlock reports.
 */
export type Block<T extends Waiter> = (
  thread: T, arm: (resume: Resume) => void, waitingOn: string, ready: () => Immediate | undefined,
) => void;

/** What a release, set or put hands back: the value, and how many sleeping threads it woke (each a futex wake the waker pays for). */
export type Woke = Immediate & { woke: number };

/** A kind of per-run state: how a primitive's state starts. */
export interface StateKind<S> {
  readonly create: () => S;
}

/**
 * The run-time state of a run's primitives, by kind and handle. The handles are
 * only identities, so one scenario module can run many times (compare mode,
 * tests) without one run's state leaking into the next.
 */
export class SyncStates {
  readonly #byKind = new Map<StateKind<unknown>, Map<object, unknown>>();

  /** This run's state of `handle`, made the first time it is asked for. */
  of<S>(kind: StateKind<S>, handle: object): S {
    let states = this.#byKind.get(kind);
    if (!states) this.#byKind.set(kind, (states = new Map()));
    let state = states.get(handle) as S | undefined;
    if (state === undefined) states.set(handle, (state = kind.create()));
    return state;
  }
}
