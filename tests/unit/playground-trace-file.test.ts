/**
 * The trace file format (src/playground/trace-file.ts): compact, documented, read back
 * to the same runs (times to the nanosecond), and hostile files get a message.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { runScenario, setLineResolver } from 'gilsim';
import gilBattle from '../../content/two-cpus/gil-battle';
import ioOverlap from '../../content/when-a-thread-blocks/io-overlap';
import { readTraceFile, traceFormat, writeTraceFile } from '../../src/playground/trace-file';
import type { LabelledResult } from '../../src/playground/result-rows';
import { gilCauses, type RunResult, type ThreadState } from '../../src/sim/result';

const context = { scenarioId: 'two-cpus/gil-battle', simVersion: '9.9.9' };

/** Every time in a run, so two runs can be compared to the nanosecond. */
function expectSameRuns(actual: readonly LabelledResult[], expected: readonly LabelledResult[]): void {
  const ns = 0.5e-6 + 1e-12; // half a nanosecond, in ms, plus float slack
  expect(actual.map((run) => run.label)).toEqual(expected.map((run) => run.label));
  actual.forEach((run, index) => {
    const a = run.result.trace;
    const b = expected[index].result.trace;
    expect(run.result.metrics).toEqual(expected[index].result.metrics);
    expect({ ...a, intervals: [], cpu: [], gil: [], events: [] }).toEqual({ ...b, intervals: [], cpu: [], gil: [], events: [] });
    for (const key of ['intervals', 'cpu', 'gil', 'events'] as const) {
      const rows = a[key] as unknown as Record<string, unknown>[];
      const original = b[key] as unknown as Record<string, unknown>[];
      expect(rows).toHaveLength(original.length);
      rows.forEach((row, i) => {
        for (const [field, value] of Object.entries(original[i])) {
          if (field === 'start' || field === 'end' || field === 'time') expect(Math.abs((row[field] as number) - (value as number))).toBeLessThanOrEqual(ns);
          else expect(row[field], `${key}[${i}].${field}`).toEqual(value);
        }
        expect(Object.keys(row).sort()).toEqual(Object.keys(original[i]).sort());
      });
    }
  });
}

describe('trace file', () => {
  test('simulated runs (compare mode, with scenario lines) read back the same, to the nanosecond', () => {
    let line = 0;
    setLineResolver(() => (line = (line % 17) + 1));
    let runs: LabelledResult[];
    try {
      runs = [
        { label: 'CPython 2.7, 2 CPUs', result: runScenario(gilBattle) },
        { label: 'CPython 3.12, 2 CPUs', result: runScenario(gilBattle, { runtime: 'cpython-3.12' }) },
        { label: 'I/O', result: runScenario(ioOverlap) },
      ];
    } finally {
      setLineResolver(undefined);
    }
    expect(runs[0].result.trace.intervals.some((interval) => interval.line)).toBe(true);
    const text = writeTraceFile(runs, context);
    const read = readTraceFile(text);
    if (!read.ok) throw new Error(read.message);
    expect(read.context).toEqual(context);
    expectSameRuns(read.runs, runs);
  });

  test('is a small fraction of the pretty-printed objects it replaces', () => {
    const runs = [
      { label: 'CPython 2.7, 2 CPUs', result: runScenario(gilBattle) },
      { label: 'CPython 3.12, 2 CPUs', result: runScenario(gilBattle, { runtime: 'cpython-3.12' }) },
    ];
    const text = writeTraceFile(runs, context);
    const version1 = JSON.stringify({ format: 'gil-lab-trace/1', ...context, runs }, null, 1);
    expect(text.length).toBeLessThan(version1.length / 8);
    expect(text).not.toMatch(/\n/);
  });

  test('any trace reads back to the nanosecond (property)', () => {
    const states: ThreadState[] = ['python', 'native', 'gil-wait', 'cpu-wait', 'blocked'];
    const time = fc.double({ min: 0, max: 1e6, noNaN: true });
    const span = fc.tuple(time, fc.double({ min: 0, max: 1e3, noNaN: true })).map(([start, length]) => ({ start, end: start + length }));
    const trace = fc.record({
      intervals: fc.array(fc.tuple(span, fc.nat(50), fc.constantFrom(...states), fc.option(fc.integer({ min: 1, max: 500 }), { nil: undefined }))
        .map(([s, thread, state, line]) => (line === undefined ? { thread, state, ...s } : { thread, state, line, ...s })), { maxLength: 60 }),
      cpu: fc.array(fc.tuple(span, fc.nat(8), fc.nat(50)).map(([s, cpu, thread]) => ({ cpu, thread, ...s })), { maxLength: 40 }),
      gil: fc.array(fc.tuple(span, fc.nat(3), fc.nat(50)).map(([s, interpreter, thread]) => ({ interpreter, thread, ...s })), { maxLength: 40 }),
      events: fc.array(fc.tuple(time, fc.constantFrom('handoff', 'drop-request', 'spawn', 'exit') as fc.Arbitrary<'handoff'>, fc.nat(50), fc.option(fc.nat(3), { nil: undefined }),
        fc.option(fc.constantFrom(...gilCauses), { nil: undefined }), fc.option(fc.nat(50), { nil: undefined }))
        .map(([t, kind, thread, interpreter, cause, other]) => ({
          time: t, kind, thread,
          ...(interpreter === undefined ? {} : { interpreter }), ...(cause === undefined ? {} : { cause }), ...(other === undefined ? {} : { other }),
        })), { maxLength: 40 }),
    });
    fc.assert(fc.property(trace, (parts) => {
      const base = runScenario(gilBattle);
      const result: RunResult = { metrics: base.metrics, shared: base.shared, trace: { ...base.trace, ...parts } };
      const runs = [{ label: 'random', result }];
      const read = readTraceFile(writeTraceFile(runs, context));
      if (!read.ok) throw new Error(read.message);
      expectSameRuns(read.runs, runs);
    }), { numRuns: 40 });
  });

  test.each([
    ['not JSON', '{"format":', /not JSON/],
    ['another format', JSON.stringify({ format: 'gil-lab-trace/1', runs: [] }), /not a gil-lab-trace\/2 trace file \(its format is "gil-lab-trace\/1"\)/],
    ['no format', '[1,2,3]', /not a gil-lab-trace\/2 trace file$/],
    ['runs not a list', JSON.stringify({ format: traceFormat, runs: {} }), /"runs" is not a list/],
    ['a run without a trace', JSON.stringify({ format: traceFormat, runs: [{ label: 'x', metrics: {} }] }), /run 1 needs a label, metrics and a trace/],
  ])('%s gets a message', (_name, text, message) => {
    const read = readTraceFile(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.message).toMatch(message);
  });

  test('a damaged table gets a message that says where, never an exception', () => {
    const good = JSON.parse(writeTraceFile([{ label: 'x', result: runScenario(gilBattle) }], context));
    const damage = (change: (trace: Record<string, Record<string, unknown[]>>) => void) => {
      const copy = structuredClone(good);
      change(copy.runs[0].trace);
      return readTraceFile(JSON.stringify(copy));
    };
    expect(damage((trace) => trace.cpu.startNs.pop())).toMatchObject({ ok: false, message: expect.stringMatching(/run 1 cpu: the "startNs" column has \d+ rows, not \d+/) });
    expect(damage((trace) => (trace.intervals.state[0] = 99))).toMatchObject({ ok: false, message: expect.stringMatching(/state index 99 is not in the list/) });
    expect(damage((trace) => (trace.events.timeNs[0] = '1e400'))).toMatchObject({ ok: false, message: expect.stringMatching(/"timeNs" column of whole numbers/) });
    expect(damage((trace) => delete (trace as Record<string, unknown>).gil)).toMatchObject({ ok: false, message: expect.stringMatching(/run 1 gil is missing/) });
    // GIL causes: only names the simulator knows, and only indices into the list.
    expect(damage((trace) => (trace.events.causes[0] = 'pwned'))).toMatchObject({ ok: false, message: expect.stringMatching(/run 1 events: "pwned" is not a GIL cause/) });
    expect(damage((trace) => (trace.events.cause[trace.events.cause.findIndex((cause) => cause !== -1)] = 99)))
      .toMatchObject({ ok: false, message: expect.stringMatching(/event cause index 99 is not in the list/) });
    expect(damage((trace) => trace.events.other.pop())).toMatchObject({ ok: false, message: expect.stringMatching(/run 1 events: the "other" column has \d+ rows, not \d+/) });
  });

  test('a file written before GIL events had causes reads back, its events without them', () => {
    const good = JSON.parse(writeTraceFile([{ label: 'x', result: runScenario(gilBattle) }], context));
    const { events } = good.runs[0].trace;
    delete events.causes;
    delete events.cause;
    delete events.other;
    const read = readTraceFile(JSON.stringify(good));
    if (!read.ok) throw new Error(read.message);
    const [first] = read.runs[0].result.trace.events.filter((event) => event.kind === 'handoff');
    expect(first).toBeDefined();
    expect(first.cause).toBeUndefined();
    expect(first.other).toBeUndefined();
  });
});
