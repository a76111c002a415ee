/**
 * The trace's interval lanes are kept as columns and built into objects on first
 * read (`lazyProperty`): to every reader they must look like the plain arrays they
 * were — in JSON, structured clone (the playground's worker posts results), spread,
 * deep equality, assignment, and on a frozen trace.
 */
import { describe, expect, test } from 'vitest';
import { defineScenario, io, join, py, runScenario, spawn } from 'gilsim';
import { lazyProperty, stateCode, stateColumnsOf } from '../../src/sim/trace/columns';
import { threadStates } from '../../src/sim/result';

const scenario = defineScenario({
  cpus: 2,
  runtime: 'cpython-3.12',
  *main() {
    const a = yield spawn('a', function* () { for (let turn = 0; turn < 30; turn++) { yield py(400_000); yield io(0.5); } });
    const b = yield spawn('b', function* () { yield py(20_000_000); });
    yield join(a);
    yield join(b);
  },
});

describe('trace lanes built on first read', () => {
  test('JSON, structured clone and spread see the same lanes as a read does, keys in the same order', () => {
    const lazy = runScenario(scenario).trace;
    const json = JSON.parse(JSON.stringify(runScenario(scenario).trace));
    const cloned = structuredClone(runScenario(scenario).trace);
    const spread = { ...runScenario(scenario).trace };
    expect(Object.keys(lazy)).toEqual(['endMs', 'cpus', 'threads', 'interpreters', 'intervals', 'cpu', 'gil', 'events', 'eventsDropped', 'console']);
    expect(lazy.intervals.length).toBeGreaterThan(60);
    expect(lazy.cpu.length).toBeGreaterThan(10);
    expect(lazy.gil.length).toBeGreaterThan(10);
    for (const copy of [json, cloned, spread]) {
      expect(Object.keys(copy)).toEqual(Object.keys(lazy));
      expect(copy).toEqual(lazy);
    }
  });

  test('intervals come out as the recorder merged them: per thread in time order, CPU lanes by CPU then time', () => {
    const { trace } = runScenario(scenario);
    for (const thread of trace.threads) {
      const own = trace.intervals.filter((interval) => interval.thread === thread.id);
      own.forEach((interval, index) => {
        expect(interval.end).toBeGreaterThan(interval.start);
        if (index > 0) expect(interval.start).toBeGreaterThanOrEqual(own[index - 1].end);
        if (index > 0 && interval.start === own[index - 1].end) expect(interval.state).not.toBe(own[index - 1].state);
      });
    }
    const order = trace.cpu.map((interval) => [interval.cpu, interval.start]);
    expect(order).toEqual([...order].sort((a, b) => a[0] - b[0] || a[1] - b[1]));
  });

  test('a lane can be replaced, and a frozen trace still reads its lanes', () => {
    const { trace } = runScenario(scenario);
    trace.intervals = trace.intervals.slice(0, 3);
    expect(trace.intervals).toHaveLength(3);
    const frozen = Object.freeze(runScenario(scenario).trace);
    expect(frozen.cpu.length).toBeGreaterThan(10);
    expect(frozen.cpu).toBe(frozen.cpu);
  });

  test('the value is built once, on first read', () => {
    let builds = 0;
    const target: { lane?: number[] } = {};
    lazyProperty(target, 'lane', () => { builds++; return [1, 2]; });
    expect(builds).toBe(0);
    expect(target.lane).toEqual([1, 2]);
    expect(target.lane).toBe(target.lane);
    expect(builds).toBe(1);
  });
});

describe('the columns behind a trace, for readers of every interval', () => {
  test('flat() holds what the intervals say, field by field, in recording order', () => {
    const { trace } = runScenario(scenario);
    const flat = stateColumnsOf(trace)!.flat();
    expect(trace.intervals.length).toBeGreaterThan(60);
    expect(Array.from(flat.start).map((start, i) => ({ thread: flat.thread[i], state: threadStates[flat.state[i]], start, end: flat.end[i] })))
      .toEqual(trace.intervals.map(({ thread, state, start, end }) => ({ thread, state, start, end })));
  });

  test('are offered only while they are what the trace holds: not for a copy, nor once the intervals are replaced', () => {
    const fresh = runScenario(scenario).trace;
    expect(stateColumnsOf(fresh)).toBeDefined();
    void fresh.intervals; // reading keeps them: the rows were built from them
    expect(stateColumnsOf(fresh)).toBeDefined();
    expect(stateColumnsOf(structuredClone(fresh))).toBeUndefined();
    const replaced = runScenario(scenario).trace;
    replaced.intervals = replaced.intervals.slice(1);
    expect(stateColumnsOf(replaced)).toBeUndefined();
    const unread = runScenario(scenario).trace;
    unread.intervals = [];
    expect(stateColumnsOf(unread)).toBeUndefined();
    const frozen = Object.freeze(runScenario(scenario).trace);
    expect(stateColumnsOf(frozen)).toBeDefined();
  });
});

test('state codes are the states\' places in threadStates (the order the legend and the columns share)', () => {
  expect(threadStates.map(stateCode)).toEqual(threadStates.map((_, index) => index));
});
