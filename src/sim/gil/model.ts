/**
 * The interface every GIL model implements. A model decides who may run Python
 * bytecode in one interpreter and how the lock changes hands; the thread code
 * calls it at the points where CPython's eval loop touches the GIL.
 *
 * Calling conventions:
 * - `acquire` is called by a thread that is on a CPU (take_gil runs on a CPU).
 *   The model calls `granted` once the thread holds the GIL: synchronously if it
 *   is free, later otherwise (meanwhile the model blocks and wakes the thread).
 * - `release` is the voluntary drop (Py_BEGIN_ALLOW_THREADS, thread exit), told
 *   why (`VoluntaryRelease`); the model calls `then` when the thread may go on
 *   to its blocking call.
 * - A model records every change it makes (`recorder.gilEvent`: acquire,
 *   release, hand-off, drop request, failed acquire) with its `GilCause`.
 * - `pythonResumed` / `pythonPaused` bracket every stretch of bytecode the
 *   holder executes on a CPU, so the model can act at check points.
 */

import type { VoluntaryRelease } from '../result';
import type { GilThread } from './thread-view';

export interface GilModel {
  /** Does this interpreter have a GIL at all (false for free-threaded builds)? */
  readonly hasGil: boolean;
  /** Thread holding the GIL, or null. */
  readonly holder: GilThread | null;
  acquire(thread: GilThread, granted: () => void): void;
  release(thread: GilThread, then: () => void, why: VoluntaryRelease): void;
  pythonResumed(thread: GilThread): void;
  pythonPaused(thread: GilThread, bytecodesRun: number): void;
  /** CPU time per bytecode for `thread` right now, ns (includes check overhead). */
  nsPerBytecode(thread: GilThread): number;
}
