/**
 * The exported program records its own timeline (`--trace FILE`): the file reads back
 * as a real trace of the same scenario, each thread's intervals follow one another from
 * its start to its end, and on a two-thread CPU-bound run the two threads take turns
 * (the GIL lets one run Python at a time) on 3.12 and on 2.7 alike.
 */
import { describe, expect, test } from 'vitest';
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { dirname, join as joinPath } from 'node:path';
import { Event, Lock, Queue, defineScenario, io, join, native, py, sleep, spawn, type Scenario, type StateInterval } from 'gilsim';
import { formatTimeline } from '../../src/cli/format';
import { traceLanes } from '../../src/timeline/lanes';
import { emitPython } from '../../src/python-export/python';
import { race } from '../helpers/races';
import { realTraceFixture } from '../fixtures/real-trace';
import { programScenarioId, readRealTrace, realRunResult, type RealTrace } from '../../src/python-export/real-trace';
import { recordScenario } from '../../src/python-export/record';
import { scenarioId } from '../../src/python-export/scenario-id';
import { havePython, pythons, writeProgram } from './export-helpers';

function twoCounters(runtime: 'cpython-3.12' | 'cpython-2.7'): Scenario {
  return defineScenario({
    title: 'Two counters', cpus: 2, runtime,
    *main() {
      const a = yield* spawn('a', function* () { yield py(6_000_000); });
      const b = yield* spawn('b', function* () { yield py(6_000_000); });
      yield* join(a);
      yield* join(b);
    },
  });
}

const lock = new Lock('lock');
const jobs = new Queue<number>('jobs');
const ready = new Event('ready');
const mixed = defineScenario({
  title: 'Everything once', cpus: 2, runtime: 'cpython-3.12',
  *main() {
    const worker = yield* spawn('worker', function* () {
      yield ready.wait();
      const job: number = yield jobs.get();
      yield lock.acquire();
      yield py(job);
      yield lock.release();
      yield native(2, { releasesGil: true });
      yield native(1, { releasesGil: false });
    });
    yield io(2);
    yield sleep(1);
    yield ready.set();
    yield jobs.put(200_000);
    yield* join(worker);
  },
});

/** Export `scenario`, run it under `python` with --trace and read the file back. */
function recordTrace(python: string, scenario: Scenario): { trace: RealTrace; id: string } {
  const { recorded } = recordScenario(scenario);
  const program = writeProgram(emitPython(recorded));
  const file = joinPath(dirname(program), 'trace.json');
  const run = spawnSync(python, [program, '--trace', file], { encoding: 'utf8', timeout: 60_000 });
  if (run.status !== 0) throw new Error(`${python} failed (${run.status ?? run.signal}):\n${run.stderr}`);
  expect(JSON.parse(run.stdout)).not.toHaveProperty('trace');
  const text = readFileSync(file, 'utf8');
  const read = readRealTrace(text);
  if (!read.ok) throw new Error(read.message);
  return { trace: read.trace, id: scenarioId(recorded) };
}

/** Stretches of time in which two different threads are both recorded as running Python. */
function pythonOverlaps(intervals: readonly StateInterval[]): number[] {
  const running = intervals.filter((interval) => interval.state === 'python');
  const overlaps: number[] = [];
  for (let i = 0; i < running.length; i++) {
    for (let j = i + 1; j < running.length; j++) {
      if (running[i].thread === running[j].thread) continue;
      const overlap = Math.min(running[i].end, running[j].end) - Math.max(running[i].start, running[j].start);
      if (overlap > 0) overlaps.push(overlap);
    }
  }
  return overlaps;
}

const versions = [['3.12', pythons['3.12'], 'cpython-3.12'], ['2.7', pythons['2.7'], 'cpython-2.7']] as const;

describe('the exported program with --trace', () => {
  for (const [label, python, runtime] of versions) {
    test.runIf(havePython(python))(`on ${label}, writes a trace of this scenario whose threads' intervals follow one another`, () => {
      const { trace, id } = recordTrace(python, mixed);
      expect(trace.scenarioId).toBe(id);
      expect(trace.python.startsWith(label)).toBe(true);
      expect(trace.threads.map((thread) => thread.name)).toContain('worker');
      for (const thread of trace.threads) {
        const own = trace.intervals.filter((interval) => interval.thread === thread.id);
        expect(own.length).toBeGreaterThan(0);
        for (let i = 1; i < own.length; i++) {
          expect(own[i].start).toBeCloseTo(own[i - 1].end, 3);
          expect(own[i].state).not.toBe(own[i - 1].state);
        }
        expect(own[0].start).toBeGreaterThanOrEqual(thread.startMs - 0.01);
        expect(own.at(-1)!.end).toBeLessThanOrEqual(thread.endMs + 0.01);
      }
      const worker = trace.threads.find((thread) => thread.name === 'worker')!;
      const workerStates = new Set(trace.intervals.filter((interval) => interval.thread === worker.id).map((interval) => interval.state));
      for (const state of ['python', 'native', 'blocked'] as const) expect(workerStates).toContain(state);
      // The same drawing code as a simulated run.
      const result = realRunResult(trace);
      expect(formatTimeline(result.trace, 40).split('\n')).toHaveLength(trace.threads.length + 2);
    });

    test.runIf(havePython(python))(`on ${label}, two CPU-bound threads take turns running Python`, () => {
      const { trace } = recordTrace(python, twoCounters(runtime));
      const [a, b] = ['a', 'b'].map((name) => trace.threads.find((thread) => thread.name === name)!);
      const pythonOf = (id: number) => trace.intervals.filter((interval) => interval.thread === id && interval.state === 'python')
        .reduce((sum, interval) => sum + interval.end - interval.start, 0);
      expect(pythonOf(a.id)).toBeGreaterThan(0);
      expect(pythonOf(b.id)).toBeGreaterThan(0);
      // A chunk's running time is placed at its start, so two threads' records may overlap
      // by at most one chunk (plus the clock's resolution), never for longer.
      const chunkMs = trace.chunkUs / 1000;
      for (const overlap of pythonOverlaps(trace.intervals)) expect(overlap).toBeLessThanOrEqual(chunkMs * 1.5 + 0.02);
      const lifetime = Math.min(a.endMs, b.endMs) - Math.max(a.startMs, b.startMs);
      const together = pythonOverlaps(trace.intervals).reduce((sum, overlap) => sum + overlap, 0);
      expect(together).toBeLessThan(0.1 * lifetime);
    });
  }

  test.runIf(havePython(pythons['3.12']))('on 3.12, two threads adding to a shared counter take turns in the trace too, and the count is the same', () => {
    const { trace } = recordTrace(pythons['3.12'], race({ times: 1_000_000, via: 'inline' }));
    const adders = trace.threads.filter((thread) => thread.kind === 'thread');
    expect(adders).toHaveLength(2);
    // The loop is timestamped in chunks, not drawn as one stretch of "running" per thread.
    for (const adder of adders) {
      const own = trace.intervals.filter((interval) => interval.thread === adder.id);
      expect(own.filter((interval) => interval.state === 'gil-wait').length).toBeGreaterThan(2);
    }
    const chunkMs = trace.chunkUs / 1000;
    for (const overlap of pythonOverlaps(trace.intervals)) expect(overlap).toBeLessThanOrEqual(chunkMs * 1.5 + 0.02);
    expect(trace.shared).toEqual([{ name: 'counter', value: 2_000_000, expected: 2_000_000, lost: 0 }]);
  });

  test('the program carries the fingerprint of its recording; another scale or scenario has another', () => {
    const { recorded } = recordScenario(mixed);
    expect(programScenarioId(emitPython(recorded))).toBe(scenarioId(recorded));
    expect(programScenarioId(emitPython(recorded, { scale: 2 }))).toBe(scenarioId(recorded, 2));
    expect(scenarioId(recorded, 2)).not.toBe(scenarioId(recorded));
    expect(scenarioId(recordScenario(twoCounters('cpython-3.12')).recorded)).not.toBe(scenarioId(recorded));
  });

  test('a real run is drawn as thread lanes only: the OS shows neither the GIL holder nor the CPUs', () => {
    const read = readRealTrace(JSON.stringify(realTraceFixture('0123456789abcdef')));
    expect(read.ok).toBe(true);
    const lanes = read.ok ? traceLanes(realRunResult(read.trace).trace) : [];
    expect(lanes.length).toBeGreaterThan(0);
    expect(new Set(lanes.map((lane) => lane.kind))).toEqual(new Set(['thread']));
  });

  test("a trace's shared variables are read as data: checked, capped, and their names kept as text", () => {
    const read = (shared: unknown) => readRealTrace(JSON.stringify(realTraceFixture('0123456789abcdef', { shared })));
    const good = read([{ name: '<img src=x onerror=alert(1)>', value: 3, expected: 4, lost: 1 }]);
    expect(good.ok && realRunResult(good.trace).shared).toEqual([{ name: '<img src=x onerror=alert(1)>', value: 3, expected: 4, lost: 1 }]);
    expect(read(undefined)).toMatchObject({ ok: true, trace: { shared: [] } });
    expect(read(Array.from({ length: 1001 }, () => ({ name: 'c', value: 0, expected: 0, lost: 0 })))).toMatchObject({ ok: false, message: expect.stringMatching(/at most 1,000/) });
    expect(read([{ name: 'c', value: 0.5, expected: 1, lost: 0 }])).toMatchObject({ ok: false, message: expect.stringMatching(/shared\[0\]\.value/) });
    expect(read([{ name: 'x'.repeat(501), value: 0, expected: 0, lost: 0 }])).toMatchObject({ ok: false, message: expect.stringMatching(/shared\[0\]\.name is longer/) });
    expect(read({ length: 1 })).toMatchObject({ ok: false, message: expect.stringMatching(/shared should be a list/) });
  });

  test('a file that is not a trace, or of another scenario, is refused with a reason', () => {
    expect(readRealTrace('{oops').ok).toBe(false);
    const notTrace = readRealTrace(JSON.stringify({ format: 'gil-lab-trace/2' }));
    expect(notTrace.ok || notTrace.message).toMatch(/format/);
    expect(readRealTrace('x'.repeat(10), { bytes: 64 * 1024 * 1024 })).toMatchObject({ ok: false, message: expect.stringMatching(/MB/) });
  });
});
