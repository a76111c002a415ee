/**
 * The playhead's question, "what was happening at t?", answered from the trace: the
 * states match the intervals, the GIL holder is the one thread running Python, and
 * the GIL event is the latest one at or before t.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { defineScenario, py, sleep, spawn, join, runScenario } from '../../src/sim';
import { MomentIndex } from '../../src/timeline/moment';

const battle = defineScenario({
  *main() {
    const a = yield spawn('count-a', function* () { yield py(2_000_000); });
    const b = yield spawn('count-b', function* () { yield py(2_000_000); });
    yield join(a);
    yield join(b);
  },
});

const sleeper = defineScenario({
  *main() {
    const worker = yield spawn('worker', function* () { yield py(1_000_000); });
    yield sleep(5);
    yield join(worker);
  },
});

describe('MomentIndex.at', () => {
  const result = runScenario(battle, { runtime: 'cpython-3.12', cpus: 2 });
  const index = new MomentIndex(result.trace);

  test('every thread state at t is the state of the interval covering t', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: result.trace.endMs, noNaN: true }), (t) => {
      for (const { thread, state } of index.at(t).threads) {
        const interval = result.trace.intervals.find((candidate) => candidate.thread === thread.id && candidate.start <= t && t < candidate.end);
        if (interval) expect(state).toBe(interval.state);
        else expect(['not-started', 'finished', result.trace.intervals.find((candidate) => candidate.thread === thread.id && candidate.end === t)?.state]).toContain(state);
      }
    }), { numRuns: 200 });
  });

  test('under a GIL, a thread running Python is the GIL holder, and at most one runs Python', () => {
    fc.assert(fc.property(fc.double({ min: 0, max: result.trace.endMs, noNaN: true }), (t) => {
      const moment = index.at(t);
      const running = moment.threads.filter((thread) => thread.state === 'python');
      expect(running.length).toBeLessThanOrEqual(1);
      if (running[0]) expect(moment.gilHolders[0]?.thread?.id).toBe(running[0].thread.id);
    }), { numRuns: 200 });
  });

  test('the GIL event is the latest at or before t, never a thread starting or ending', () => {
    const events = result.trace.events;
    const t = events.filter((event) => event.kind === 'drop-request')[1]!.time;
    const moment = index.at(t);
    expect(moment.gilEvent?.kind).toBe('drop-request');
    expect(moment.gilEvent?.time).toBe(t);
    const latest = events.filter((event) => event.time <= t + 1e-9 && !['spawn', 'exit', 'io-done'].includes(event.kind)).at(-1);
    expect(moment.gilEvent).toBe(latest);
    expect(index.at(-1).gilEvent).toBeUndefined();
  });

  test('main waits for the GIL while its worker runs, then sleeps (blocked) after the worker has finished', () => {
    const sleeping = runScenario(sleeper, { runtime: 'cpython-3.12', cpus: 2 });
    const index = new MomentIndex(sleeping.trace);
    const states = (t: number) => new Map(index.at(t).threads.map((thread) => [thread.thread.name, thread]));
    expect(states(1).get('main')?.state).toBe('gil-wait');
    expect(states(1).get('worker')?.state).toBe('python');
    expect(index.at(1).gilHolders[0]?.thread?.name).toBe('worker');
    expect(states(4).get('main')?.state).toBe('blocked');
    expect(states(4).get('worker')?.state).toBe('finished');
    expect(index.at(4).gilHolders[0]?.thread).toBeUndefined();
  });
});
