/**
 * Simulator parameters: the machine (CPUs, OS scheduler costs) and the Python
 * runtime (bytecode cost, GIL model). Every default names its source in
 * runtimes.ts as `[TAG sources:key]`, the keys listed in docs/sources.md. TAG: P
 * primary source, S secondary, M measured on this project's machine kind (2-vCPU
 * KVM guest, 2026-11), F fitted so the simulator reproduces a published or measured
 * figure (see the "How the simulator works" page), U unverified.
 */

import type { StartMethod } from './op-types';

/** Which GIL mechanism an interpreter uses. */
export type GilKind = 'old' | 'new' | 'none';

/** How the old GIL's lock is built: a POSIX semaphore (Linux) or mutex + condition variable (macOS). */
export type Platform = 'linux' | 'macos';

/** Every number the simulator uses. Times in the units their names say. */
export interface SimParams {
  /** Virtual CPUs, 1..64. */
  cpus: number;
  /** Seed for the deterministic pseudo-random choices. */
  seed: number;
  /** Runtime preset these values came from. */
  runtime: string;

  // ---- interpreter ----
  /** GIL mechanism: old (≤ 3.1), new (3.2+), none (free-threaded builds). */
  gil: GilKind;
  /** CPU time of one simple bytecode, ns (before any free-threading overhead). */
  bytecodeNs: number;
  /** Multiplier on bytecode cost for free-threaded builds (1 = none). */
  freeThreadedOverhead: number;
  /** Old GIL: ticks between checks (`sys.setcheckinterval`); a check fires every checkInterval + 1 ticks. */
  checkInterval: number;
  /** Old GIL: ticks per bytecode (cheap opcodes skip the tick; 3 ticks per 9 bytecodes in a counting loop). */
  ticksPerBytecode: number;
  /** Old GIL: uncontended release + immediate re-acquire at a check, ns. */
  gilReleaseNs: number;
  /** New GIL: `sys.setswitchinterval`, ms. */
  switchIntervalMs: number;
  /** New GIL: bytecodes until the holder reaches its next eval-breaker check after a drop request. */
  evalBreakerBytecodes: number;
  /** Each subinterpreter gets its own GIL (PEP 684, 3.12+). */
  perInterpreterGil: boolean;
  /**
   * `Lock.acquire` releases the GIL around the acquire even when the lock is free (CPython
   * up to 3.1); from 3.2 it first tries without releasing it, and releases it only to block.
   */
  lockAcquireReleasesGil: boolean;
  /** `queue.Queue.put` is Python (Lib/queue.py): bytecodes it runs, GIL held, before the item is in (its Condition and lock included). */
  queuePutBytecodes: number;
  /** `queue.Queue.get`: bytecodes of Python it runs before it takes an item or blocks. */
  queueGetBytecodes: number;
  /** `threading.Event.set` is Python (Lib/threading.py): bytecodes it runs before waking the waiters. */
  eventSetBytecodes: number;
  /** `threading.Event.wait`: bytecodes of Python it runs before it returns or blocks. */
  eventWaitBytecodes: number;

  // ---- OS and machine ----
  /** Old GIL lock implementation: Linux semaphore or macOS mutex + condvar. */
  platform: Platform;
  /** Time from an OS wake-up (signal, I/O completion, timer) until the thread can run, µs (mean; jittered ±50%). */
  wakeLatencyUs: number;
  /** Old GIL: wake-up of a waiter the holder's sem_post wakes at every check (it rarely sleeps long enough for its CPU to go idle), µs (mean; jittered ±50%). */
  oldGilWakeUs: number;
  /** CPU time the waker spends waking a thread asleep on a lock, event or queue (a futex wake that interrupts another CPU), µs. */
  wakeSignalUs: number;
  /** How late a timed sleep wakes (Linux timer slack plus timer handling), µs; added to every `sleep(ms)` with ms > 0. */
  timerSlackUs: number;
  /** CPU time to switch a CPU from one thread to another, µs. */
  contextSwitchUs: number;
  /** CFS: OS time slice when more threads are runnable than there are CPUs, ms. */
  timeSliceMs: number;
  /** CFS: a woken thread preempts a running one only if that one has run at least this long, ms (Linux wake-up preemption). */
  wakeupGranularityMs: number;
  /** CFS: a thread waking from sleep may be at most this far behind in virtual runtime (sleeper credit), ms. */
  sleeperCreditMs: number;
  /** The OS scheduler's policy: Linux's CFS (to 6.5) or EEVDF (6.6 on). */
  schedulerPolicy: 'cfs' | 'eevdf';
  /** EEVDF's base slice (sysctl_sched_base_slice), ms. */
  baseSliceMs: number;
  /** The scheduler tick (1000 / CONFIG_HZ), ms: when EEVDF notices a used-up slice. */
  tickMs: number;
  /** Cost to the releasing thread of waking a thread asleep on the GIL (futex wake or condvar signal syscall), µs. */
  signalUs: number;
  /**
   * Old GIL on Linux: the futex_wake syscall glibc's sem_post makes at every release while any
   * thread is inside sem_wait (its nwaiters count), whether or not one sleeps in the kernel, µs.
   */
  semPostSyscallUs: number;
  /** CPU time a woken waiter spends trying the GIL before it sleeps again, µs. */
  acquireAttemptUs: number;
  /** Extra time when Python execution moves to another CPU (interpreter state migrates between caches), µs. */
  cacheMigrationUs: number;
  /** Starting a thread (`Thread.start()`), µs of the starter's CPU time. */
  threadStartUs: number;
  /** Extra cost of a process's first `Thread.start()`, µs of the starter's CPU time (one-time set-up of threading). */
  firstThreadStartUs: number;
  /** Starting a subinterpreter, ms. */
  interpreterStartMs: number;
  /** Process start cost per start method, ms (child start-up before its body runs). */
  processStartMs: Record<StartMethod, number>;
  /** Extra cost of a run's first process start per start method, ms (multiprocessing's one-time set-up; forkserver starts its server). */
  firstProcessStartMs: Record<StartMethod, number>;
  /** Start method used when `spawnProcess` does not name one. */
  defaultStartMethod: StartMethod;
  /** Pickling + pipe transfer cost per byte passed between processes, ns (each direction). */
  pickleNsPerByte: number;
}

/** What a scenario or a caller may override. */
export type MachineOverrides = Partial<Omit<SimParams, 'runtime' | 'gil'>>;

/** Parameter names a scenario may set, for validation messages. */
export const overridableParams: readonly (keyof MachineOverrides)[] = [
  'cpus', 'seed', 'bytecodeNs', 'freeThreadedOverhead', 'checkInterval', 'ticksPerBytecode',
  'gilReleaseNs', 'switchIntervalMs', 'evalBreakerBytecodes', 'perInterpreterGil', 'platform',
  'queuePutBytecodes', 'queueGetBytecodes', 'eventSetBytecodes', 'eventWaitBytecodes',
  'wakeLatencyUs', 'oldGilWakeUs', 'wakeSignalUs', 'timerSlackUs', 'contextSwitchUs', 'timeSliceMs', 'wakeupGranularityMs', 'sleeperCreditMs', 'schedulerPolicy', 'baseSliceMs', 'tickMs', 'signalUs',
  'semPostSyscallUs', 'acquireAttemptUs', 'cacheMigrationUs', 'threadStartUs', 'firstThreadStartUs', 'interpreterStartMs', 'processStartMs', 'firstProcessStartMs',
  'defaultStartMethod', 'pickleNsPerByte',
];

/** Check a full parameter set; throws a RangeError that says what is wrong. */
export function validateParams(params: SimParams): void {
  const fail = (message: string): never => { throw new RangeError(message); };
  if (!Number.isInteger(params.cpus) || params.cpus < 1 || params.cpus > 64) {
    fail(`cpus must be a whole number from 1 to 64, got ${params.cpus}`);
  }
  if (!Number.isFinite(params.seed)) fail(`seed must be a number, got ${params.seed}`);
  const positive: (keyof SimParams)[] = ['bytecodeNs', 'freeThreadedOverhead', 'ticksPerBytecode', 'timeSliceMs'];
  for (const key of positive) {
    const value = params[key] as number;
    if (!(typeof value === 'number' && Number.isFinite(value) && value > 0)) fail(`${key} must be a number > 0, got ${value}`);
  }
  const nonNegative: (keyof SimParams)[] = [
    'gilReleaseNs', 'evalBreakerBytecodes', 'wakeLatencyUs', 'oldGilWakeUs', 'wakeSignalUs', 'timerSlackUs', 'contextSwitchUs', 'wakeupGranularityMs', 'sleeperCreditMs',
    'signalUs', 'semPostSyscallUs', 'acquireAttemptUs', 'cacheMigrationUs', 'threadStartUs', 'firstThreadStartUs', 'interpreterStartMs', 'pickleNsPerByte',
    'queuePutBytecodes', 'queueGetBytecodes', 'eventSetBytecodes', 'eventWaitBytecodes',
  ];
  for (const key of nonNegative) {
    const value = params[key] as number;
    if (!(typeof value === 'number' && Number.isFinite(value) && value >= 0)) fail(`${key} must be a number >= 0, got ${value}`);
  }
  if (!Number.isInteger(params.checkInterval) || params.checkInterval < 0) {
    fail(`checkInterval must be a whole number of ticks >= 0, got ${params.checkInterval}`);
  }
  if (!(params.switchIntervalMs > 0) || !Number.isFinite(params.switchIntervalMs)) {
    fail(`switchIntervalMs must be > 0 ms, got ${params.switchIntervalMs}`);
  }
  if (params.platform !== 'linux' && params.platform !== 'macos') fail(`platform must be "linux" or "macos", got ${String(params.platform)}`);
  for (const method of ['fork', 'forkserver', 'spawn'] as const) {
    for (const key of ['processStartMs', 'firstProcessStartMs'] as const) {
      const value = params[key]?.[method];
      if (!(typeof value === 'number' && value >= 0)) fail(`${key}.${method} must be a number >= 0, got ${value}`);
    }
  }
  if (!['fork', 'forkserver', 'spawn'].includes(params.defaultStartMethod)) {
    fail(`defaultStartMethod must be fork, forkserver or spawn, got ${String(params.defaultStartMethod)}`);
  }
}
