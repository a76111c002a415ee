/**
 * Runtime presets: one per CPython version the site discusses, on this project's
 * machine kind (Linux, 2 vCPUs). A preset fixes the GIL model and the bytecode
 * cost; scenario overrides win over it.
 *
 * Each value cites its source as `[TAG sources:key]`, the keys listed in
 * docs/sources.md. TAG: P primary, S secondary, M measured on this machine kind,
 * F fitted to the figure cited, U unverified or estimated.
 */

import type { GilKind, SimParams } from './params';

/** Machine and OS defaults shared by every preset. */
export const machineDefaults = {
  cpus: 2,
  seed: 1,
  // Wake-up of a thread asleep in the kernel (a futex, a timer, I/O) onto an idle vCPU:
  // the vCPU has halted and the host must run it again, 17–20 µs after sleeps of 5–20 µs,
  // 25 µs after 50 µs, 26–31 µs after longer ones, against 6 µs when that CPU is busy or
  // the thread shares the waker's CPU [M sources:m-idle-wake]. Threads handing work to
  // each other sleep tens to hundreds of µs: 25.
  wakeLatencyUs: 25,
  // The old GIL's waiter, woken by the holder's sem_post at a check, runs 4–7 µs (10th
  // percentile) to 15–26 µs (median) later [M sources:m-old-gil-sched]; with sem_post's
  // futex_wake at every check (semPostSyscallUs) it is fitted [F sources:m-gil-battle,
  // sources:m-old-gil-preemptions] to the 1.5–1.6× slowdown of two threads and 2.35× of four
  // on 2 CPUs: 5. The model's waiter so retries ~3× as often as the real one, with ~3
  // failed tries per hand-off, as in the kernel's trace.
  oldGilWakeUs: 5,
  // What waking a thread asleep on a lock, event or queue costs the waker: the futex
  // wake interrupts the sleeper's idle vCPU, which traps to the host, ~10 µs here
  // [M sources:m-idle-wake].
  wakeSignalUs: 10,
  // Linux's default timer slack for normal threads is 50 µs [P sources:linux-timer-slack];
  // here time.sleep(0.0001) takes 0.177 ms, ~77 µs late: slack plus the wake-up above
  // [F sources:m-timer-slack].
  timerSlackUs: 52,
  // Thread context switch, VMware guest: 2.26–2.32 µs [S sources:ctx-switch-published].
  contextSwitchUs: 2.3,
  // The OS scheduler: Linux's EEVDF, as this VM's 6.18 kernel runs it [P sources:linux-eevdf].
  schedulerPolicy: 'eevdf' as 'cfs' | 'eevdf',
  // sysctl_sched_base_slice here: 0.7 ms scaled for 2 CPUs [M sources:m-eevdf].
  baseSliceMs: 1.4,
  // CONFIG_HZ=250; pinned to one CPU the GIL changes hands every 3.94 ms on 2.7
  // [M sources:m-eevdf, sources:m-old-gil-futex].
  tickMs: 4,
  // The CFS rules (schedulerPolicy 'cfs', the MacBook profiles) from here to sleeperCreditMs.
  // Switching on one pinned CPU happens about every 4 ms (~300 switches/s, 600 futex
  // calls per 1.2 s run) [M sources:m-old-gil-futex].
  timeSliceMs: 4,
  // Linux sched_wakeup_granularity_ns defaults to 1 ms [P sources:linux-cfs].
  wakeupGranularityMs: 1,
  // CFS places a waking task at most sched_latency/2 = 3 ms behind min_vruntime
  // (GENTLE_FAIR_SLEEPERS, place_entity) [P sources:linux-cfs].
  sleeperCreditMs: 3,
  // futex wake syscall paid by sem_post when a waiter sleeps on the GIL [F sources:m-gil-battle];
  // on macOS the pthread_cond_signal paid at each check while a thread waits (fitted to
  // Beazley 2010's 1.45× on one CPU [F sources:beazley-2010], see machines['macbook-2009']).
  signalUs: 0.95,
  // glibc's sem_post makes a futex_wake at every release while a thread is inside sem_wait;
  // with nobody asleep in the kernel it takes 142 ns here [M sources:m-futex-wake].
  semPostSyscallUs: 0.14,
  // A woken waiter's try at the lock and futex_wait back to sleep [F].
  acquireAttemptUs: 0.5,
  // Cold caches when Python execution moves to the other CPU (refcounts, allocator and
  // lock cache lines migrate) [F sources:m-gil-battle].
  cacheMigrationUs: 1,
  // Thread() + start() in the parent, CPU time, 3.12.1 and 2.7.18 alike: 20–36 µs a start
  // once the program has started one [M sources:m-thread-start]. start() then waits for
  // the child to start (modelled).
  threadStartUs: 30,
  // A program's first start costs 92–170 µs of parent CPU time (threading's one-time
  // set-up), about 110 µs more than later ones [M sources:m-thread-start].
  firstThreadStartUs: 110,
  // Creating a subinterpreter [U]; benchmarks put it well under a process spawn [S sources:loremipsum-314].
  interpreterStartMs: 5,
  // multiprocessing trivial start+join medians, 3.12.1: fork 1.7 ms, forkserver 24 ms,
  // spawn 85 ms [M sources:m-process-start].
  processStartMs: { fork: 1.7, forkserver: 24, spawn: 85 },
  // A program's first start costs more, in the parent (multiprocessing's one-time set-up: the
  // first Pipe imports multiprocessing.connection; forkserver starts its server), 3.12.1 with a
  // Pipe for the result: fork 9.0 − 1.8 ms, forkserver 44.1 − 9.4, spawn 43.2 − 36.7 [M sources:m-first-process-start].
  firstProcessStartMs: { fork: 7.2, forkserver: 35, spawn: 6.5 },
  // Pipe round trip of 1 MB of bytes is 2.4 ms including pickling ⇒ ~1.2 ns/byte each way [M sources:m-pipe-pickle].
  pickleNsPerByte: 1.2,
  platform: 'linux',
} satisfies Partial<SimParams>;

interface Preset {
  /** One line for menus and docs. */
  label: string;
  gil: GilKind;
  bytecodeNs: number;
  freeThreadedOverhead?: number;
  checkInterval?: number;
  perInterpreterGil?: boolean;
  defaultStartMethod?: SimParams['defaultStartMethod'];
  /** Pure-Python cost of queue.Queue and threading.Event calls (default: 3.12's). */
  syncBytecodes?: SyncBytecodes;
  /** Extra cost of the first process start (default: 3.12's). */
  firstProcessStartMs?: SimParams['firstProcessStartMs'];
  /** Where the figures come from. */
  source: string;
}

/** What `queue.Queue.put/get` and `threading.Event.set/wait` cost in Python, in counting-loop bytecodes. */
type SyncBytecodes = Pick<SimParams, 'queuePutBytecodes' | 'queueGetBytecodes' | 'eventSetBytecodes' | 'eventWaitBytecodes'>;

// Uncontended calls timed against the counting loop, 100,000 each, least of 9 [M sources:m-sync-python-cost]:
// 3.12.1 put 247, get 280, set 213, wait (flag up) 129; 2.7.18 put 452, get 430, set 645, wait 221.
const syncBytecodes312: SyncBytecodes = { queuePutBytecodes: 250, queueGetBytecodes: 280, eventSetBytecodes: 210, eventWaitBytecodes: 130 };
const syncBytecodes27: SyncBytecodes = { queuePutBytecodes: 450, queueGetBytecodes: 430, eventSetBytecodes: 650, eventWaitBytecodes: 220 };

// 2.7.18 always forks: 5.8 − 1.7 ms with a Pipe for the result [M sources:m-first-process-start].
const firstProcessStart27 = { fork: 4.1, forkserver: 4.1, spawn: 4.1 };
const oldGil = { gil: 'old' as const, checkInterval: 100, syncBytecodes: syncBytecodes27, firstProcessStartMs: firstProcessStart27 };

/** Every runtime a scenario can name. */
export const runtimes = {
  'cpython-2.2': {
    label: 'CPython 2.2 (2001): old GIL, check every 10 ticks',
    ...oldGil,
    checkInterval: 10, // _Py_CheckInterval = 10 until 2.3 [P sources:cpython-checkinterval-2002]
    bytecodeNs: 1.8, // 2.2 cannot be built here; 2.7's measured cost [M sources:m-bytecode-cost] used as an estimate [U]
    source: 'check interval [P] ceval.c diff, Sep 2002; bytecode cost assumed equal to 2.7 [U]',
  },
  'cpython-2.7': {
    label: 'CPython 2.7: old GIL, check every 100 ticks',
    ...oldGil,
    bytecodeNs: 1.8, // count() loop, 2.7.18 [M sources:m-bytecode-cost]
    source: 'bytecode cost [M]; interval 100 since 2.3 [P]',
  },
  'cpython-3.1': {
    label: 'CPython 3.1: last release with the old GIL',
    ...oldGil,
    bytecodeNs: 3.2, // not measurable here; 3.9's cost [M sources:m-bytecode-cost] as an estimate [U]
    source: 'old GIL until 3.1 [P]; bytecode cost estimate [U]',
  },
  'cpython-3.2': {
    label: 'CPython 3.2 (2011): the new GIL, 5 ms switch interval',
    gil: 'new',
    bytecodeNs: 3.2, // estimate from 3.9 [U]
    source: 'new GIL in 3.2 [P ceval_gil.h]; bytecode cost estimate [U]',
  },
  'cpython-3.9': { label: 'CPython 3.9: new GIL', gil: 'new', bytecodeNs: 3.2, source: 'bytecode cost [M]' },
  'cpython-3.11': { label: 'CPython 3.11: new GIL, faster interpreter', gil: 'new', bytecodeNs: 2.9, source: 'bytecode cost [M]' },
  'cpython-3.12': {
    label: 'CPython 3.12: new GIL, one GIL per interpreter',
    gil: 'new', bytecodeNs: 2.6, perInterpreterGil: true, // [M sources:m-bytecode-cost]; PEP 684 [P sources:pep-684]
    source: 'bytecode cost 2.6 ns [M]; per-interpreter GIL PEP 684 [P]',
  },
  'cpython-3.13': {
    label: 'CPython 3.13: new GIL',
    gil: 'new', bytecodeNs: 2.6, perInterpreterGil: true,
    source: 'bytecode cost [M]',
  },
  'cpython-3.13t': {
    label: 'CPython 3.13t: free-threaded, experimental (~40% slower per thread)',
    gil: 'none', bytecodeNs: 2.6, perInterpreterGil: true,
    freeThreadedOverhead: 1.4, // "about 40%" on pyperformance [P sources:free-threading-howto-313]
    source: 'overhead 40% [P Doc/howto/free-threading-python.rst, 3.13]',
  },
  'cpython-3.14': {
    label: 'CPython 3.14: new GIL, forkserver default',
    gil: 'new', bytecodeNs: 2.6, perInterpreterGil: true,
    defaultStartMethod: 'forkserver', // POSIX default changed fork → forkserver [P sources:whatsnew-314]
    source: 'bytecode cost assumed as 3.13 [U]; forkserver default [P]',
  },
  'cpython-3.14t': {
    label: 'CPython 3.14t: free-threaded, supported (~8% slower per thread)',
    gil: 'none', bytecodeNs: 2.6, perInterpreterGil: true,
    freeThreadedOverhead: 1.08, // "1% on macOS aarch64 to 8% on x86-64 Linux" [P sources:free-threading-howto-314]
    defaultStartMethod: 'forkserver',
    source: 'overhead 8% on x86-64 Linux [P HOWTO 3.14]',
  },
} satisfies Record<string, Preset>;

/** Names accepted by `runtime:` in a scenario. */
export type RuntimeName = keyof typeof runtimes;

/** All runtime names, oldest first. */
export const runtimeNames = Object.keys(runtimes) as RuntimeName[];

/** Default runtime when a scenario names none. */
export const defaultRuntime: RuntimeName = 'cpython-3.12';

/** Is `name` a runtime this simulator knows? */
export function isRuntimeName(name: unknown): name is RuntimeName {
  return typeof name === 'string' && Object.hasOwn(runtimes, name);
}

/** Full parameters for a runtime, before scenario overrides. */
export function presetParams(name: RuntimeName): SimParams {
  const preset: Preset = runtimes[name];
  return {
    ...machineDefaults,
    processStartMs: { ...machineDefaults.processStartMs },
    firstProcessStartMs: { ...(preset.firstProcessStartMs ?? machineDefaults.firstProcessStartMs) },
    runtime: name,
    gil: preset.gil,
    bytecodeNs: preset.bytecodeNs,
    freeThreadedOverhead: preset.freeThreadedOverhead ?? 1,
    checkInterval: preset.checkInterval ?? 100,
    // 9 bytecodes per count() iteration are 3 ticks [M sources:m-old-gil-checks].
    ticksPerBytecode: 1 / 3,
    // uncontended sem_post + sem_wait + 2 tstate swaps [M sources:m-old-gil-checks].
    gilReleaseNs: 21,
    // DEFAULT_INTERVAL 5000 µs [P sources:cpython-ceval-gil].
    switchIntervalMs: 5,
    // "every 5 or so times through the loop" (3.2–3.9); back edges and calls since 3.10 [P sources:cpython-ceval-gil].
    evalBreakerBytecodes: 5,
    perInterpreterGil: preset.perInterpreterGil ?? false,
    // Up to 3.1 lock.acquire() is Py_BEGIN_ALLOW_THREADS around PyThread_acquire_lock; 3.2
    // (with the new GIL) brought acquire_timed, "a simple non-blocking try without releasing
    // the GIL" first [P sources:cpython-lock-acquire].
    lockAcquireReleasesGil: preset.gil === 'old',
    defaultStartMethod: preset.defaultStartMethod ?? 'fork',
    // 2.x presets carry 2.7's figures; 3.x ones (3.9–3.14 unmeasured) 3.12's [U] [M sources:m-sync-python-cost].
    ...(preset.syncBytecodes ?? syncBytecodes312),
  };
}

/**
 * Machine profiles: the hardware and OS a run models. The default is this
 * project's machine kind (Linux on a 2-vCPU VM, the figures above).
 */
export const machines = {
  'linux-vm': {
    label: 'Linux 6.x on a 2-vCPU KVM guest (where our measurements were made)',
    overrides: {},
  },
  'macbook-2009': {
    label: "Beazley's 2009 dual-core MacBook, Python 2.6 (macOS: mutex + condition variable GIL)",
    overrides: {
      // macOS's scheduler is not modelled: its figures were fitted with CFS's rules [U].
      schedulerPolicy: 'cfs',
      platform: 'macos',
      // count(10^8) took 12.3 s per run: 123 ns per 9-bytecode turn [U sources:beazley-2009].
      bytecodeNs: 13.7,
      // [F sources:beazley-2010] so one CPU runs 2 threads 1.45x slower than sequential.
      signalUs: 1.9,
      // [F sources:beazley-2009, sources:beazley-2010] with cacheMigrationUs, so two CPUs
      // run them ~1.85-1.97x slower.
      wakeLatencyUs: 5,
      oldGilWakeUs: 5,
      // No VM: a futex wake is a syscall of about a microsecond [U].
      wakeSignalUs: 1,
      cacheMigrationUs: 8,
      // macOS has no Linux-style timer slack [U].
      timerSlackUs: 0,
    },
  },
  'macbook-2021': {
    label: "Victor Skvortsov's 2-core MacBook Pro with hyper-threading, macOS, Python 3.9 (2021)",
    overrides: {
      // macOS's scheduler is not modelled: its figures were fitted with CFS's rules [U].
      schedulerPolicy: 'cfs',
      cpus: 4,
      // countdown(10^8) took 6.52 s: 65 ns per 9-bytecode turn [P sources:skvortsov-2021].
      bytecodeNs: 7.2,
      // [F sources:skvortsov-2021] with cacheMigrationUs, to his countdown times at switch intervals of 5 ms,
      // 0.1 ms, 10 µs and 1 µs (1.01x, 1.36x, 1.84x, 2.49x the one-thread time).
      wakeLatencyUs: 5,
      // No VM: a futex wake is a syscall of about a microsecond [U].
      wakeSignalUs: 1,
      cacheMigrationUs: 5,
      // His 1 µs switch interval really switched that often: no Linux-style timer slack [U].
      timerSlackUs: 0,
    },
  },
} satisfies Record<string, { label: string; overrides: Partial<SimParams> }>;

/** Names accepted by `machine:` in a scenario. */
export type MachineName = keyof typeof machines;

/** Is `name` a machine profile this simulator knows? */
export function isMachineName(name: unknown): name is MachineName {
  return typeof name === 'string' && Object.hasOwn(machines, name);
}
