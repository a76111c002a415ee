/**
 * What a GIL model may do to a thread: the narrow view it needs, so models stay
 * independent of how threads run scenario code.
 */

import type { Cpu } from '../machine/scheduler';

export interface GilThread {
  readonly id: number;
  readonly name: string;
  /** CPU the thread is on, or null. */
  readonly cpu: Cpu | null;
  /** CPU time used so far (the OS scheduler's fairness measure), ns. */
  vruntime: number;
  /** The OS scheduler's EEVDF deadline and lag (machine/scheduler.ts). */
  deadline: number;
  lag: number;
  /** Is the thread on a CPU executing bytecode right now? */
  readonly runningPython: boolean;
  /** Fixed stall (cold caches, a syscall) the running work must get through before more bytecode, ns. */
  readonly stallAheadNs: number;
  /** Leave the CPU and sleep waiting for the GIL (state "gil-wait"). */
  sleepForGil(): void;
  /**
   * Wake the sleeping thread: after the OS wake-up latency (or `latencyNs`), once it
   * has a CPU, it spends `cpuNs` on the CPU (trying the lock) and then calls `then`.
   */
  wakeForGil(then: () => void, cpuNs: number, latencyNs?: number): void;
  /**
   * Take the GIL away mid-bytecode: pause the running Python, keep what is left of
   * it, and return a function that resumes it once the thread holds the GIL again.
   */
  suspendPython(): () => void;
  /** The holder pays `ns` extra on its current stretch of Python (a syscall, cold caches). */
  stall(ns: number): void;
  /** The cost per bytecode changed (re-read `nsPerBytecode`). */
  rateChanged(): void;
}
