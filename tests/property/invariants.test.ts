/**
 * Simulator invariants over random scenarios (fast-check): whatever the threads
 * do, the GIL is exclusive, CPUs are not oversubscribed, time adds up, all the
 * work gets done, and a seed fully determines the run.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import {
  defineScenario, py, io, sleep, native, spawn, spawnProcess, spawnInterpreter, join, Lock, Event, Queue, runScenario, presetParams,
  gilEventKinds, type GilCause, type RuntimeName, type RunResult, type TaskHandle, type TraceEventKind,
} from 'gilsim';
import { describeGilEvent } from '../../src/timeline';

type Step =
  | { kind: 'py'; bytecodes: number }
  | { kind: 'io' | 'sleep'; ms: number }
  | { kind: 'native'; ms: number; releasesGil: boolean }
  | { kind: 'locked'; bytecodes: number; ms: number }
  | { kind: 'process' | 'interpreter'; bytecodes: number }
  | { kind: 'wait-event' | 'get-item' };

const step: fc.Arbitrary<Step> = fc.oneof(
  fc.record({ kind: fc.constant('py' as const), bytecodes: fc.integer({ min: 0, max: 400_000 }) }),
  fc.record({ kind: fc.constantFrom('io' as const, 'sleep' as const), ms: fc.double({ min: 0, max: 2, noNaN: true }) }),
  fc.record({ kind: fc.constant('native' as const), ms: fc.double({ min: 0, max: 2, noNaN: true }), releasesGil: fc.boolean() }),
  fc.record({ kind: fc.constant('locked' as const), bytecodes: fc.integer({ min: 0, max: 50_000 }), ms: fc.double({ min: 0, max: 0.5, noNaN: true }) }),
  fc.record({ kind: fc.constantFrom('process' as const, 'interpreter' as const), bytecodes: fc.integer({ min: 0, max: 400_000 }) }),
  fc.record({ kind: fc.constantFrom('wait-event' as const, 'get-item' as const) }),
);

const runtimes: RuntimeName[] = ['cpython-2.2', 'cpython-2.7', 'cpython-3.12', 'cpython-3.13t', 'cpython-3.14'];

const setup = fc.record({
  cpus: fc.integer({ min: 1, max: 4 }),
  runtime: fc.constantFrom(...runtimes),
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  // Tiny intervals make forced switches collide with every blocking call.
  switchIntervalMs: fc.constantFrom(5, 1, 0.05, 0.005),
  // Both OS schedulers: EEVDF (this VM's) and CFS (the MacBook profiles').
  schedulerPolicy: fc.constantFrom('eevdf' as const, 'cfs' as const),
  threads: fc.array(fc.array(step, { minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 4 }),
});

type Setup = typeof setup extends fc.Arbitrary<infer T> ? T : never;

function build({ threads }: Setup) {
  const lock = new Lock();
  const ready = new Event();
  const items = new Queue<number>();
  const gets = threads.flat().filter((item) => item.kind === 'get-item').length;
  return defineScenario({
    *main() {
      const handles: TaskHandle[] = [];
      for (const [index, steps] of threads.entries()) {
        handles.push(yield spawn(`t${index}`, function* () {
          for (const item of steps) {
            switch (item.kind) {
              case 'py': yield py(item.bytecodes); break;
              case 'io': yield io(item.ms); break;
              case 'sleep': yield sleep(item.ms); break;
              case 'native': yield native(item.ms, { releasesGil: item.releasesGil }); break;
              case 'locked':
                yield lock.acquire();
                yield py(item.bytecodes);
                yield io(item.ms);
                yield lock.release();
                break;
              case 'wait-event': yield ready.wait(); break;
              case 'get-item': yield items.get(); break;
              case 'process':
              case 'interpreter': {
                const body = function* () { yield py(item.bytecodes); };
                const child: TaskHandle = item.kind === 'process'
                  ? yield spawnProcess('child', body, { startMethod: 'fork', argBytes: 1_000 })
                  : yield spawnInterpreter('sub', body);
                yield join(child);
                break;
              }
            }
          }
        }));
      }
      // Main sets the event and feeds one item per get, after a little work.
      yield py(50_000);
      yield ready.set();
      for (let index = 0; index < gets; index++) yield items.put(index);
      for (const handle of handles) yield join(handle);
    },
  });
}

const EPSILON = 1e-9;

function run(config: Setup): RunResult {
  return runScenario(build(config), { cpus: config.cpus, runtime: config.runtime, seed: config.seed, switchIntervalMs: config.switchIntervalMs, schedulerPolicy: config.schedulerPolicy });
}

/** Largest number of intervals overlapping at any instant. */
function maxOverlap(intervals: { start: number; end: number }[]): number {
  const points: [number, number][] = [];
  for (const interval of intervals) {
    if (interval.end - interval.start <= EPSILON) continue;
    points.push([interval.start, 1], [interval.end, -1]);
  }
  points.sort((a, b) => a[0] - b[0] || a[1] - b[1]); // ends before starts at the same instant
  let current = 0;
  let best = 0;
  for (const [, delta] of points) best = Math.max(best, (current += delta));
  return best;
}

/** The causes each kind of GIL event may carry. */
const takeCauses: GilCause[] = ['gil-free', 'woken-waiter', 'timed-out-wait', 'forced-switch', 'signal-window', 'release-window', 'wake-up-preemption'];
const causesOf: Partial<Record<TraceEventKind, GilCause[]>> = {
  acquire: takeCauses,
  handoff: takeCauses,
  release: ['io-release', 'sleep-release', 'native-release', 'lock-wait-release', 'exit-release', 'drop-request-honoured', 'check-interval'],
  'drop-request': ['timed-out-wait'],
  'failed-acquire': ['failed-acquire-retaken', 'failed-acquire-taken'],
};

const property = (name: string, check: (config: Setup, result: RunResult) => void) =>
  test(name, () => {
    fc.assert(fc.property(setup, (config) => check(config, run(config))), { numRuns: 60 });
  });

describe('simulator invariants (random scenarios)', () => {
  property('under a GIL, no two threads of one interpreter run Python at once, and only the GIL holder runs Python', (config, { trace }) => {
    if (presetParams(config.runtime).gil === 'none') return;
    // One GIL per interpreter (subinterpreters share the main one before 3.12).
    const domainOf = new Map(trace.threads.map((thread) => [thread.id, thread.interpreter]));
    const params = presetParams(config.runtime);
    const gilOf = (interpreter: number) => {
      const entry = trace.interpreters[interpreter];
      return !params.perInterpreterGil && entry.process === 0 ? 0 : interpreter;
    };
    for (const domain of new Set(trace.interpreters.map((entry) => gilOf(entry.id)))) {
      const python = trace.intervals.filter((interval) => interval.state === 'python' && gilOf(domainOf.get(interval.thread)!) === domain);
      expect(maxOverlap(python)).toBeLessThanOrEqual(1);
      expect(maxOverlap(trace.gil.filter((held) => gilOf(held.interpreter) === domain))).toBeLessThanOrEqual(1);
    }
    const python = trace.intervals.filter((interval) => interval.state === 'python');
    for (const interval of python) {
      const covered = trace.gil.some((held) => held.thread === interval.thread && held.start <= interval.start + EPSILON && held.end >= interval.end - EPSILON);
      expect(covered, `python interval of thread ${interval.thread} at ${interval.start} outside its GIL ownership`).toBe(true);
    }
  });

  property('no CPU runs two threads, and no more threads execute than there are CPUs', (config, { trace }) => {
    for (let cpu = 0; cpu < config.cpus; cpu++) {
      expect(maxOverlap(trace.cpu.filter((interval) => interval.cpu === cpu))).toBeLessThanOrEqual(1);
    }
    expect(trace.cpu.every((interval) => interval.cpu >= 0 && interval.cpu < config.cpus)).toBe(true);
    const executing = trace.intervals.filter((interval) => interval.state === 'python' || interval.state === 'native');
    expect(maxOverlap(executing)).toBeLessThanOrEqual(config.cpus);
  });

  property("every thread's time in each state adds up to its lifetime, inside the run", (_config, { metrics }) => {
    for (const thread of metrics.threads) {
      const sum = thread.cpuMs + thread.gilWaitMs + thread.cpuWaitMs + thread.blockedMs;
      expect(sum).toBeCloseTo(thread.endMs - thread.startMs, 6);
      expect(thread.startMs).toBeGreaterThanOrEqual(0);
      expect(thread.endMs).toBeLessThanOrEqual(metrics.wallMs + EPSILON);
    }
    expect(metrics.cpuUtilization).toBeGreaterThanOrEqual(0);
    expect(metrics.cpuUtilization).toBeLessThanOrEqual(1 + EPSILON);
  });

  property('all requested work is done: bytecodes and C time are all executed', (config, { metrics }) => {
    const params = presetParams(config.runtime);
    const steps = config.threads.flat();
    const bytecodes = steps.reduce((sum, item) => sum + ('bytecodes' in item ? item.bytecodes : 0), 0);
    const nativeMs = steps.reduce((sum, item) => sum + (item.kind === 'native' ? item.ms : 0), 0);
    const pythonMs = metrics.threads.reduce((sum, thread) => sum + thread.pythonMs, 0);
    // Process and subinterpreter start-up shows as C time in their threads.
    const cMs = metrics.threads.filter((thread) => thread.kind === 'thread').reduce((sum, thread) => sum + thread.nativeMs, 0);
    const minimumPythonMs = (bytecodes * params.bytecodeNs * params.freeThreadedOverhead) / 1e6;
    expect(pythonMs).toBeGreaterThanOrEqual(minimumPythonMs * (1 - 1e-9));
    // Besides the requested C time, a release, set or put that wakes a sleeper costs the
    // waker wakeSignalUs in the kernel (GIL held, shown as C time): at most one per step that can sleep.
    const wakes = steps.filter((item) => item.kind === 'locked' || item.kind === 'wait-event' || item.kind === 'get-item').length;
    expect(cMs).toBeGreaterThanOrEqual(nativeMs - 1e-6);
    expect(cMs).toBeLessThanOrEqual(nativeMs + (wakes * params.wakeSignalUs) / 1e3 + 1e-6);
    // Each thread ends after it has done at least its own work.
    expect(metrics.threads.filter((thread) => thread.kind === 'thread')).toHaveLength(config.threads.length);
  });

  property('every GIL event says why it happened, in words, and every GIL holding begins with one', (config, { trace, metrics }) => {
    const threadName = (id: number) => trace.threads.find((thread) => thread.id === id)?.name;
    for (const event of trace.events) {
      const allowed = causesOf[event.kind];
      if (!allowed) {
        expect(event.cause, `${event.kind} event`).toBeUndefined();
        continue;
      }
      expect(allowed, `${event.kind} at ${event.time}`).toContain(event.cause);
      expect(event.interpreter).toBeTypeOf('number');
      if (event.kind === 'handoff' || event.kind === 'failed-acquire' || event.kind === 'drop-request') expect(event.other).toBeTypeOf('number');
      const sentence = describeGilEvent(event, threadName, { switchIntervalMs: config.switchIntervalMs });
      expect(sentence.trim()).not.toBe('');
      expect(sentence).not.toMatch(/\bundefined\b/);
    }
    if (presetParams(config.runtime).gil === 'none') {
      expect(trace.events.filter((event) => gilEventKinds.includes(event.kind))).toEqual([]);
    }
    if (trace.eventsDropped > 0) return;
    // Uncapped, the events account for the counters and for every holding of the GIL lane.
    const count = (kind: TraceEventKind) => trace.events.filter((event) => event.kind === kind).length;
    expect(count('handoff')).toBe(metrics.gilHandoffs);
    expect(count('failed-acquire')).toBe(metrics.failedAcquires);
    expect(count('drop-request')).toBe(metrics.dropRequests);
    for (const held of trace.gil) {
      const taken = trace.events.some((event) => (event.kind === 'acquire' || event.kind === 'handoff') && event.thread === held.thread
        && event.interpreter === held.interpreter && Math.abs(event.time - held.start) < EPSILON);
      expect(taken, `thread ${held.thread} holds GIL ${held.interpreter} from ${held.start} with no acquire event`).toBe(true);
    }
  });

  test('same seed, same trace; the seed is what varies a run', () => {
    fc.assert(fc.property(setup, (config) => {
      expect(JSON.stringify(run(config))).toBe(JSON.stringify(run(config)));
    }), { numRuns: 30 });
    // A contended old-GIL run depends on its seed (wake-up jitter, who wins races).
    const contended: Setup = { cpus: 2, runtime: 'cpython-2.7', seed: 1, switchIntervalMs: 5, schedulerPolicy: 'eevdf', threads: [[{ kind: 'py', bytecodes: 2_000_000 }], [{ kind: 'py', bytecodes: 2_000_000 }]] };
    expect(JSON.stringify(run(contended).trace)).not.toBe(JSON.stringify(run({ ...contended, seed: 2 }).trace));
  });
});
