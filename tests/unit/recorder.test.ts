import { describe, expect, test } from 'vitest';
import { Recorder, summarize } from '../../src/sim/trace/recorder';

const thread = { id: 0, name: 't', interpreter: 0, process: 0, kind: 'thread' as const };

describe('Recorder', () => {
  test('merges consecutive intervals in the same state and line, drops zero-length ones', () => {
    const recorder = new Recorder();
    recorder.addThread(thread, 0, 'cpu-wait');
    recorder.setState(0, 'python', 1e6);
    recorder.setState(0, 'gil-wait', 2e6);
    recorder.setState(0, 'python', 2e6); // zero-length gil-wait: vanishes, python continues
    recorder.setState(0, 'python', 3e6); // same state: no new interval
    recorder.setState(0, 'blocked', 4e6);
    const { trace, metrics } = recorder.finish(5e6, 1, 'cpython-3.12', 0);
    expect(trace.intervals.map((interval) => [interval.state, interval.start, interval.end])).toEqual([
      ['cpu-wait', 0, 1], ['python', 1, 4], ['blocked', 4, 5],
    ]);
    expect(metrics.threads[0]).toMatchObject({ pythonMs: 3, cpuMs: 3, blockedMs: 1, cpuWaitMs: 1, gilWaitMs: 0, endMs: 5 });
  });

  test('a different source line starts a new interval even in the same state', () => {
    const recorder = new Recorder();
    recorder.addThread(thread, 0, 'python');
    recorder.setState(0, 'python', 1e6, 7);
    recorder.setState(0, 'python', 2e6, 9);
    const { trace } = recorder.finish(3e6, 1, 'x', 0);
    expect(trace.intervals.map((interval) => interval.line)).toEqual([undefined, 7, 9]);
  });

  test('CPU occupancy gives utilisation; GIL ownership becomes intervals', () => {
    const recorder = new Recorder();
    recorder.cpuRuns(0, 1, 0);
    recorder.cpuRuns(0, null, 5e6);
    recorder.gilHeld(0, 1, 0);
    recorder.gilHeld(0, 2, 3e6);
    const { trace, metrics } = recorder.finish(10e6, 2, 'x', 0);
    expect(metrics.cpuUtilization).toBeCloseTo(5 / 20);
    expect(trace.gil).toEqual([
      { interpreter: 0, thread: 1, start: 0, end: 3 },
      { interpreter: 0, thread: 2, start: 3, end: 10 },
    ]);
  });

  test('percentiles use nearest rank', () => {
    const samples = Array.from({ length: 100 }, (_, index) => (index + 1) * 1e6);
    expect(summarize(samples)).toEqual({ count: 100, p50: 50, p99: 99, max: 100 });
    expect(summarize([])).toEqual({ count: 0, p50: 0, p99: 0, max: 0 });
  });
});
