/**
 * Free-threaded builds (3.13t, 3.14t; PEP 703): no GIL. Threads run bytecode in
 * parallel on as many CPUs as there are; each bytecode costs more (biased
 * reference counting, per-object locks, and in 3.13t no specialisation), which
 * the preset's `freeThreadedOverhead` factor models.
 *
 * Simplified: no contention on shared objects (refcount or lock ping-pong) and no
 * stop-the-world GC pauses; independent CPU-bound work scales with the CPUs.
 * With no GIL there is nothing to take or release, so no GIL events.
 */

import type { GilContext } from './context';
import type { GilModel } from './model';
import type { GilThread } from './thread-view';

export class NoGil implements GilModel {
  readonly hasGil = false;
  readonly holder = null;
  readonly #nsPerBytecode: number;

  constructor(context: GilContext) {
    this.#nsPerBytecode = context.params.bytecodeNs * context.params.freeThreadedOverhead;
  }

  acquire(_thread: GilThread, granted: () => void): void {
    granted();
  }

  release(_thread: GilThread, then: () => void): void {
    then();
  }

  pythonResumed(): void {}

  pythonPaused(): void {}

  nsPerBytecode(): number {
    return this.#nsPerBytecode;
  }
}
