/**
 * The calibration cases: pairs of scenarios whose ratio (A / B) is measured on
 * real CPython (through the exporter) and predicted by the simulator. Sizes keep
 * each real run under about two seconds.
 */
import { Event, Lock, Queue, defineScenario, io, join, native, py, sleep, spawn, spawnProcess, type Scenario, type TaskHandle } from 'gilsim';

/** What a case compares: the whole run's wall time, or one thread's lifetime. */
export type CaseMetric = { kind: 'wall' } | { kind: 'thread'; name: string };

export interface CalibrationCase {
  id: string;
  title: string;
  /** CPUs for both runs; 1 means pinned with `taskset -c 0`. */
  cpus: number;
  /** Python major versions the case runs on (2 needs what 2.7's multiprocessing has). */
  pythons: readonly (2 | 3)[];
  metric: CaseMetric;
  /** Numerator and denominator scenarios, sized from the bytecode cost just measured. */
  a: (sizes: Sizes) => Scenario;
  b: (sizes: Sizes) => Scenario;
  /** What the ratio means, for the table. */
  ratio: string;
}

export interface Sizes {
  /** Measured cost of one bytecode on this Python, ns. */
  bytecodeNs: number;
}

/** count(10^7): 9·10^7 bytecodes, ~0.24 s on 3.12 here. */
const COUNT = 9e7;

function threads(n: number, body: () => Generator<any, void, any>, name = 'worker'): Scenario {
  return defineScenario({
    *main() {
      const handles: TaskHandle[] = [];
      for (let i = 0; i < n; i++) handles.push(yield spawn(`${name}-${i}`, body));
      for (const handle of handles) yield join(handle);
    },
  });
}

function inMain(n: number, body: () => Generator<any, void, any>): Scenario {
  return defineScenario({
    *main() {
      for (let i = 0; i < n; i++) yield* body();
    },
  });
}

function* count() { yield py(COUNT); }

/** The I/O loop measured on our VM [M sources:m-convoy]: 200 × (time.sleep(0.0001) + a 20-step loop). */
function* ioLoop() {
  for (let turn = 0; turn < 200; turn++) {
    yield sleep(0.1);
    yield py(180);
  }
}

function convoy(spinner: boolean): (sizes: Sizes) => Scenario {
  return ({ bytecodeNs }) => defineScenario({
    *main() {
      // A fixed 1.5 s of spinning (not "until the I/O thread is done"), so the real
      // run's spinner outlasts the I/O loop however long the convoy makes it.
      const spin = spinner ? yield spawn('spinner', function* () { yield py(Math.round(1.5e9 / bytecodeNs)); }) : undefined;
      const worker = yield spawn('io', ioLoop);
      yield join(worker);
      if (spin) yield join(spin);
    },
  });
}

function processes(method: 'fork' | 'spawn'): Scenario {
  return defineScenario({
    *main() {
      const a = yield spawnProcess('proc-0', count, { startMethod: method });
      const b = yield spawnProcess('proc-1', count, { startMethod: method });
      yield join(a);
      yield join(b);
    },
  });
}

// ---- Mixed scenarios (issue 12): queues, events, locks, I/O pools, many threads ----

const JOBS = 2000;
/** Python work per job: ~25 µs on 3.12, so the queue's own bytecodes are a visible share. */
const JOB_WORK = 10_000;

/** A producer puts JOBS jobs on a queue.Queue, two consumers take them and do JOB_WORK each (then a None each to stop). */
function queuePipeline(): Scenario {
  return defineScenario({
    *main() {
      const jobs = new Queue<number | null>('jobs');
      const consumer = function* () {
        for (;;) {
          const job = yield* jobs.get();
          if (job === null) return;
          yield py(JOB_WORK);
        }
      };
      const a = yield spawn('consumer-0', consumer);
      const b = yield spawn('consumer-1', consumer);
      for (let i = 0; i < JOBS; i++) yield jobs.put(i);
      yield jobs.put(null);
      yield jobs.put(null);
      yield join(a);
      yield join(b);
    },
  });
}

/** The same jobs done in one thread, no queue. */
function jobsInMain(): Scenario {
  return inMain(JOBS, function* () { yield py(JOB_WORK); });
}

/** Two threads taking turns `rounds` times, each turn handed over by setting a fresh threading.Event (Event has no clear() here). */
function eventPingPong(rounds: number): Scenario {
  return defineScenario({
    *main() {
      const pings = Array.from({ length: rounds }, (_, i) => new Event(`ping-${i}`));
      const pongs = Array.from({ length: rounds }, (_, i) => new Event(`pong-${i}`));
      const other = yield spawn('pong', function* () {
        for (let i = 0; i < rounds; i++) {
          yield pings[i].wait();
          yield py(2_000);
          yield pongs[i].set();
        }
      });
      for (let i = 0; i < rounds; i++) {
        yield pings[i].set();
        yield pongs[i].wait();
        yield py(2_000);
      }
      yield join(other);
    },
  });
}

/** `n` threads each doing `turns` × (lock; work; unlock; work). */
function lockedCounters(n: number, turns: number): Scenario {
  const lock = new Lock('counter');
  return threads(n, function* () {
    for (let i = 0; i < turns; i++) {
      yield lock.acquire();
      yield py(500);
      yield lock.release();
      yield py(2_000);
    }
  });
}

/** An I/O pool: `n` threads, each `reads` × (1 ms read + a little Python). */
function ioPool(n: number, reads: number): Scenario {
  return threads(n, function* () {
    for (let i = 0; i < reads; i++) {
      yield io(1);
      yield py(5_000);
    }
  });
}

export const calibrationCases: readonly CalibrationCase[] = [
  {
    id: 'cpu-threads-2cpu', title: '2 CPU-bound threads vs 1 thread doing both jobs, 2 CPUs', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => threads(2, count), b: () => inMain(2, count),
    ratio: 'wall time, 2 threads × count(10^7) / count(10^7) twice in one thread',
  },
  {
    id: 'cpu-threads-1cpu', title: 'The same on 1 CPU (taskset -c 0)', cpus: 1, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => threads(2, count), b: () => inMain(2, count),
    ratio: 'wall time, 2 threads / 1 thread, pinned to one CPU',
  },
  {
    id: 'convoy', title: 'I/O thread beside a CPU-bound thread vs alone (convoy)', cpus: 2, pythons: [3, 2],
    metric: { kind: 'thread', name: 'io' }, a: convoy(true), b: convoy(false),
    ratio: 'lifetime of the I/O thread (200 × sleep(0.1 ms) + 180 bytecodes), beside a spinner / alone',
  },
  {
    id: 'c-releases-gil', title: '2 threads in C code that releases the GIL vs one thread', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' },
    a: () => threads(2, function* () { yield native(100, { releasesGil: true }); }),
    b: () => inMain(2, function* () { yield native(100, { releasesGil: true }); }),
    ratio: 'wall time, 2 threads × 100 ms of C code that releases the GIL (hashlib; zlib on a 2.7 without OpenSSL) / the same in one thread',
  },
  {
    id: 'c-holds-gil', title: '2 threads in C code that holds the GIL vs one thread', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' },
    a: () => threads(2, function* () { yield native(100, { releasesGil: false }); }),
    b: () => inMain(2, function* () { yield native(100, { releasesGil: false }); }),
    ratio: 'wall time, 2 threads × 100 ms of sum(range(k)) / the same in one thread',
  },
  {
    id: 'sleep-concurrency', title: '10 threads sleeping at once vs one after another', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' },
    a: () => threads(10, function* () { yield sleep(20); }),
    b: () => inMain(10, function* () { yield sleep(20); }),
    ratio: 'wall time, 10 threads × time.sleep(20 ms) / 10 sleeps in a row',
  },
  {
    id: 'processes-fork', title: '2 processes (fork) vs 2 threads, CPU-bound', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => processes('fork'), b: () => threads(2, count),
    ratio: 'wall time, 2 processes × count(10^7) / 2 threads × count(10^7)',
  },
  {
    id: 'processes-spawn', title: '2 processes (spawn) vs 2 threads, CPU-bound', cpus: 2, pythons: [3],
    metric: { kind: 'wall' }, a: () => processes('spawn'), b: () => threads(2, count),
    ratio: 'wall time, 2 spawned processes × count(10^7) / 2 threads',
  },
  {
    id: 'queue-pipeline', title: 'Producer and 2 consumers through queue.Queue vs the same jobs in one thread', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: queuePipeline, b: jobsInMain,
    ratio: `wall time, ${JOBS} jobs of ${JOB_WORK} bytecodes through a queue.Queue to 2 consumers / the jobs in one thread`,
  },
  {
    id: 'event-ping-pong', title: '2 threads taking turns through threading.Event vs the same work in one thread', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => eventPingPong(1000), b: () => inMain(2000, function* () { yield py(2_000); }),
    ratio: 'wall time, 1000 rounds of Event.set/wait + 2000 bytecodes each side / the work in one thread',
  },
  {
    id: 'locks-4-threads', title: '4 threads updating under one Lock vs one thread', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => lockedCounters(4, 2000), b: () => inMain(4 * 2000, function* () { yield py(2_500); }),
    ratio: 'wall time, 4 threads × 2000 × (acquire; 500 bytecodes; release; 2000 bytecodes) / the bytecodes in one thread',
  },
  {
    id: 'io-pool-8', title: '8-thread I/O pool vs one thread doing the reads in turn', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => ioPool(8, 40), b: () => inMain(8, function* () { for (let i = 0; i < 40; i++) { yield io(1); yield py(5_000); } }),
    ratio: 'wall time, 8 threads × 40 × (1 ms read + 5000 bytecodes) / one thread doing all 320',
  },
  {
    id: 'cpu-threads-4', title: '4 CPU-bound threads vs 1 thread doing all 4 jobs, 2 CPUs', cpus: 2, pythons: [3, 2],
    metric: { kind: 'wall' }, a: () => threads(4, count), b: () => inMain(4, count),
    ratio: 'wall time, 4 threads × count(10^7) / count(10^7) four times in one thread',
  },
];
