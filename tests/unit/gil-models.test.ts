/** Each GIL model's mechanism, seen in the trace of a small scenario. */
import { describe, expect, test } from 'vitest';
import { defineScenario, py, io, native, spawn, join, presetParams, runScenario } from 'gilsim';
import { cpuThreads } from '../helpers/scenarios';

describe('new GIL (3.2+)', () => {
  const { trace, metrics } = runScenario(cpuThreads(2, 2e7), { runtime: 'cpython-3.12', cpus: 2 });
  const { timerSlackUs, wakeLatencyUs } = presetParams('cpython-3.12');
  // A timed wait wakes late by the timer slack; each wake-up is jittered ±50% around its mean.
  const slackMs = timerSlackUs / 1e3;
  const wakeMs = { min: (0.5 * wakeLatencyUs) / 1e3, max: (1.5 * wakeLatencyUs) / 1e3 };
  const workers = new Set([1, 2]);
  // Once the main thread waits in join(), the two workers alternate.
  const joined = trace.intervals.filter((interval) => interval.thread === 0 && interval.state === 'blocked').at(-1)!.start;
  const steady = trace.events.filter((event) => event.kind === 'drop-request' && workers.has(event.thread) && event.time > joined);
  const holderAt = (time: number) => trace.gil.find((held) => held.start <= time && held.end >= time)!.thread;

  test('a waiter asks for the GIL only after a full switch interval, then the holder drops it within microseconds', () => {
    expect(steady.length).toBeGreaterThan(3);
    for (const request of steady) {
      const waiting = trace.intervals.find((interval) => interval.thread === request.thread && interval.state === 'gil-wait' && interval.start <= request.time && interval.end >= request.time)!;
      // The timed wait began with the wait shown or, if it woke and found the GIL taken, at that failed acquire.
      const began = Math.max(waiting.start, ...trace.events
        .filter((event) => event.kind === 'failed-acquire' && event.thread === request.thread && event.time >= waiting.start && event.time < request.time)
        .map((event) => event.time));
      // 5 ms, plus the timer slack of a timed wait and its wake-up (which may also wait for a CPU
      // that another thread's wake-up has taken).
      expect(request.time - began).toBeGreaterThanOrEqual(5 + slackMs + wakeMs.min);
      expect(request.time - began).toBeLessThan(5 + slackMs + 3 * wakeMs.max);
      // The requester waits again; the holder drops at its next eval-breaker check and signals it: one wake-up.
      const handoff = trace.events.find((event) => event.kind === 'handoff' && event.thread === request.thread && event.time >= request.time)!;
      expect(handoff.time - request.time).toBeLessThan(wakeMs.max + 0.005);
    }
  });

  test('forced switching: the holder that drops on request waits (for the GIL, not a CPU) until the other has it', () => {
    for (const request of steady) {
      const holder = holderAt(request.time);
      const after = trace.intervals.find((interval) => interval.thread === holder && interval.start > request.time)!;
      expect(after.state).toBe('gil-wait');
      const handoff = trace.events.find((event) => event.kind === 'handoff' && event.thread === request.thread && event.time >= request.time)!;
      expect(after.end).toBeGreaterThan(handoff.time);
    }
  });

  test('slices are about one switch interval long, and switchIntervalMs changes them', () => {
    // The last two slices end with the work, not with a switch.
    const slices = trace.gil.filter((held) => workers.has(held.thread) && held.start > joined).slice(0, -2).map((held) => held.end - held.start);
    expect(slices.length).toBeGreaterThan(3);
    // An interval, the slack and two wake-ups (the timed-out waiter's, the signalled one's).
    const longest = (intervalMs: number) => intervalMs + slackMs + 2 * wakeMs.max + 0.01;
    for (const slice of slices) {
      expect(slice).toBeGreaterThan(4.9);
      expect(slice).toBeLessThan(longest(5));
    }
    const short = runScenario(cpuThreads(2, 4e6), { runtime: 'cpython-3.12', cpus: 2, switchIntervalMs: 0.5 }).trace;
    const shortSlices = short.gil.filter((held) => workers.has(held.thread)).slice(2, -1).map((held) => held.end - held.start);
    expect(Math.max(...shortSlices)).toBeLessThan(longest(0.5));
    expect(metrics.failedAcquires).toBeLessThan(5);
  });

  test('starting a thread next to a CPU-bound one waits up to a switch interval: Thread.start() needs the GIL back', () => {
    const mainWait = trace.intervals.find((interval) => interval.thread === 0 && interval.state === 'gil-wait' && interval.end - interval.start > 1)!;
    expect(mainWait.end - mainWait.start).toBeGreaterThan(4.9);
    expect(mainWait.start).toBeLessThan(1);
  });

  test('a voluntary drop for I/O hands the GIL to a waiter without any drop request', () => {
    const scenario = defineScenario({
      *main() {
        const reader = yield spawn('reader', function* () { yield py(1_000); yield io(2); yield py(1_000); });
        const counter = yield spawn('counter', function* () { yield py(100_000); });
        yield join(reader);
        yield join(counter);
      },
    });
    const { metrics: quiet } = runScenario(scenario, { runtime: 'cpython-3.12', cpus: 2 });
    expect(quiet.dropRequests).toBe(0);
    expect(quiet.gilHandoffs).toBeGreaterThan(2);
  });
});

describe('old GIL (up to 3.1)', () => {
  test('two CPUs: the waiter is woken over and over and mostly fails (the GIL battle)', () => {
    const { metrics } = runScenario(cpuThreads(2, 2e7), { runtime: 'cpython-2.7', cpus: 2 });
    // The kernel's trace of 2.7 here: 2.6–3.3 short stints (failed tries) per long one (a hold) [m-old-gil-sched].
    expect(metrics.failedAcquires).toBeGreaterThan(2 * metrics.gilHandoffs);
    expect(metrics.failedAcquires).toBeLessThan(5 * metrics.gilHandoffs);
    expect(metrics.gilHandoffs).toBeGreaterThan(100);
    expect(metrics.dropRequests).toBe(0); // no such thing in the old GIL
  });

  test('one CPU: switches come at the OS scheduler\'s pace, a few hundred a second', () => {
    const { metrics } = runScenario(cpuThreads(2, 2e8), { runtime: 'cpython-2.7', cpus: 1 });
    const perSecond = metrics.gilHandoffs / (metrics.wallMs / 1000);
    expect(perSecond).toBeGreaterThan(100);
    expect(perSecond).toBeLessThan(1_000);
  });

  test('C code that holds the GIL blocks the checks: the other thread waits it out', () => {
    const scenario = defineScenario({
      *main() {
        const holder = yield spawn('holder', function* () { yield native(10, { releasesGil: false }); });
        const other = yield spawn('other', function* () { yield py(1_000); });
        yield join(holder);
        yield join(other);
      },
    });
    const { metrics } = runScenario(scenario, { runtime: 'cpython-2.7', cpus: 2 });
    const holder = metrics.threads.find((thread) => thread.name === 'holder')!;
    const other = metrics.threads.find((thread) => thread.name === 'other')!;
    expect(other.endMs).toBeGreaterThan(holder.startMs + 10);
  });
});

describe('no GIL (free-threaded)', () => {
  test('threads run Python on both CPUs at once and there is no GIL to record', () => {
    const { trace, metrics } = runScenario(cpuThreads(2, 2e7), { runtime: 'cpython-3.14t', cpus: 2 });
    expect(trace.gil).toEqual([]);
    expect(trace.interpreters[0].hasGil).toBe(false);
    const python = (id: number) => trace.intervals.filter((interval) => interval.thread === id && interval.state === 'python');
    let together = 0;
    for (const a of python(1)) for (const b of python(2)) together += Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
    expect(together).toBeGreaterThan(20); // of ~28 ms each
    expect(metrics.gilHandoffs + metrics.failedAcquires + metrics.dropRequests).toBe(0);
  });
});
