/**
 * A stretch of work a thread does on a CPU: bytecodes, C code, or a short piece
 * of overhead (trying a lock, starting up). It can be paused when the thread
 * loses its CPU or its GIL and resumed later with what is left.
 */

import type { ThreadState } from './result';

export type WorkKind = 'python' | 'native' | 'overhead';

export interface CpuWork {
  kind: WorkKind;
  /** State the thread shows while doing it. */
  display: ThreadState;
  /** Fixed time to spend first (cold caches, a syscall), ns. */
  stallNs: number;
  /** Bytecodes for python work, ns for native and overhead work. */
  units: number;
  /** Scenario line that asked for it. */
  line?: number;
  /** Called once all of it is done. */
  onDone: () => void;
  /** Told when the work starts or resumes on a CPU and when it stops (shared-variable loops, src/sim/shared/). */
  observer?: WorkObserver;
}

/** Follows a stretch of work as it runs: `paused` gets the units left (0 when done). */
export interface WorkObserver {
  resumed(): void;
  paused(unitsLeft: number): void;
}

/** Advance `work` by `elapsedNs` of CPU time at `nsPerUnit`; returns the units completed. */
export function consume(work: CpuWork, elapsedNs: number, nsPerUnit: number): number {
  if (elapsedNs <= work.stallNs) {
    work.stallNs -= elapsedNs;
    return 0;
  }
  const unitsDone = Math.min(work.units, (elapsedNs - work.stallNs) / nsPerUnit);
  work.stallNs = 0;
  work.units -= unitsDone;
  return unitsDone;
}

/** CPU time `work` still needs at `nsPerUnit`. */
export function remainingNs(work: CpuWork, nsPerUnit: number): number {
  return work.stallNs + work.units * nsPerUnit;
}
