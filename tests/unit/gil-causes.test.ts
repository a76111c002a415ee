/**
 * Why each GIL event happened (`cause` on the trace's GIL events) and the sentence
 * `describeGilEvent` makes of it, in small hand-built scenarios of each model.
 */
import { describe, expect, test } from 'vitest';
import fc from 'fast-check';
import { defineScenario, py, io, sleep, native, spawn, join, Lock, runScenario, type RunResult, type TraceEvent } from 'gilsim';
import { describeGilEvent } from '../../src/timeline';
import { cpuThreads } from '../helpers/scenarios';

const namer = ({ trace }: RunResult) => (id: number) => trace.threads.find((thread) => thread.id === id)?.name ?? '';

/** Who held the GIL just before `time` (the interval that ends at or after it). */
const holderBefore = ({ trace }: RunResult, time: number) => trace.gil.find((held) => held.start < time && held.end >= time)?.thread;

/** The first event after `event` matching `test`. */
const nextAfter = ({ trace }: RunResult, event: TraceEvent, test: (candidate: TraceEvent) => boolean) =>
  trace.events.slice(trace.events.indexOf(event) + 1).find(test);

describe('new GIL (3.12): a timed-out wait', () => {
  const result = runScenario(cpuThreads(2, 2e7), { runtime: 'cpython-3.12', cpus: 2 });
  const name = namer(result);
  const requests = result.trace.events.filter((event) => event.kind === 'drop-request');
  // Once the main thread waits in join(), the two workers alternate.
  const workers = new Set(result.trace.threads.filter((thread) => thread.name.startsWith('cpu-')).map((thread) => thread.id));
  const joined = result.trace.intervals.filter((interval) => interval.thread === 0 && interval.state === 'blocked').at(-1)!.start;
  const steady = requests.filter((event) => workers.has(event.thread) && event.time > joined);

  test('each drop request comes from a timed-out wait and names the holder it asks', () => {
    expect(requests.length).toBeGreaterThan(3);
    for (const request of requests) {
      expect(request.cause).toBe('timed-out-wait');
      expect(request.other).toBe(holderBefore(result, request.time));
      expect(request.other).not.toBe(request.thread);
    }
  });

  test('the holder drops on the request, and the requester takes it in a forced switch', () => {
    expect(steady.length).toBeGreaterThan(3);
    for (const request of steady) {
      const drop = nextAfter(result, request, (event) => event.kind === 'release' && event.thread === request.other)!;
      expect(drop.cause).toBe('drop-request-honoured');
      const taken = nextAfter(result, drop, (event) => event.kind === 'handoff')!;
      expect(taken).toMatchObject({ thread: request.thread, other: request.other, cause: 'forced-switch' });
    }
  });

  test('in words', () => {
    const [request] = steady;
    const requester = name(request.thread);
    const holder = name(request.other!);
    expect(describeGilEvent(request, name, { switchIntervalMs: 5 }))
      .toBe(`${requester}'s 5 ms wait timed out: it sets the drop request, asking ${holder} to drop the GIL`);
    const drop = nextAfter(result, request, (event) => event.kind === 'release')!;
    expect(describeGilEvent(drop, name)).toBe(`${holder} sees the drop request and drops the GIL, signalling ${requester}`);
    const taken = nextAfter(result, drop, (event) => event.kind === 'handoff')!;
    expect(describeGilEvent(taken, name)).toBe(`a forced switch: ${holder} dropped the GIL on request and waits until ${requester} has taken it`);
  });
});

/** Had `thread` finished by `time` (its exit is what woke the next holder)? */
const exited = (result: RunResult, thread: number, time: number) =>
  result.trace.events.some((event) => event.kind === 'exit' && event.thread === thread && event.time <= time);

describe('old GIL (2.7) on two CPUs: failed acquires', () => {
  const result = runScenario(cpuThreads(2, 4e6), { runtime: 'cpython-2.7', cpus: 2 });
  const name = namer(result);
  const failures = result.trace.events.filter((event) => event.kind === 'failed-acquire');

  test('the waiter woken at a check finds the lock re-taken by the thread that woke it', () => {
    expect(failures.length).toBeGreaterThan(10);
    const retaken = failures.filter((failure) => failure.cause === 'failed-acquire-retaken');
    expect(retaken.length).toBeGreaterThan(failures.length * 0.9);
    let atChecks = 0;
    for (const failure of retaken) {
      expect(failure.other).toBe(holderBefore(result, failure.time));
      // The release that woke it (the last to name it) was the holder's.
      const waking = result.trace.events.filter((event) => event.kind === 'release' && event.time <= failure.time && event.other === failure.thread).at(-1)!;
      expect(waking.thread).toBe(failure.other);
      if (waking.cause === 'check-interval') atChecks++;
    }
    expect(atChecks).toBeGreaterThan(retaken.length * 0.9);
  });

  test('a waiter that does get the lock won the semaphore race in one of its windows', () => {
    const between = result.trace.events.filter((event) => event.kind === 'handoff' && result.trace.threads[event.thread].name.startsWith('cpu-')
      && result.trace.threads[event.other!].name.startsWith('cpu-'));
    expect(between.length).toBeGreaterThan(2);
    for (const handoff of between) {
      // Or the holder finished and its exit woke the waiter.
      expect(exited(result, handoff.other!, handoff.time) ? ['woken-waiter', 'gil-free'] : ['signal-window', 'release-window']).toContain(handoff.cause);
    }
  });

  test('in words', () => {
    const failure = failures.find((event) => event.cause === 'failed-acquire-retaken')!;
    expect(describeGilEvent(failure, name)).toBe(`${name(failure.thread)} woke up but ${name(failure.other!)} took the GIL back first (a failed acquire)`);
  });
});

describe('old GIL (2.7) on one CPU: the check interval', () => {
  const result = runScenario(cpuThreads(2, 2e7), { runtime: 'cpython-2.7', cpus: 1 });
  const name = namer(result);
  const workers = new Set(result.trace.threads.filter((thread) => thread.name.startsWith('cpu-')).map((thread) => thread.id));
  const checks = result.trace.events.filter((event) => event.kind === 'release' && event.cause === 'check-interval');

  test('checks release the lock and take it back; a switch between the workers is the OS preempting the holder at one', () => {
    expect(checks.length).toBeGreaterThan(5);
    const switches = result.trace.events.filter((event) => event.kind === 'handoff' && workers.has(event.thread) && workers.has(event.other!));
    expect(switches.length).toBeGreaterThan(3);
    for (const handoff of switches) {
      // The holder finishing wakes the other at its exit.
      if (exited(result, handoff.other!, handoff.time)) {
        expect(handoff.cause).toBe('woken-waiter');
        continue;
      }
      expect(handoff.cause).toBe('wake-up-preemption');
      const check = checks.filter((event) => event.time <= handoff.time).at(-1)!;
      expect(check).toMatchObject({ thread: handoff.other, other: handoff.thread, time: handoff.time });
    }
    // Under EEVDF a check that wakes the sleeper often hands the GIL over: the holder has run
    // ahead of its fair share, so the woken thread preempts it at once (pinned, CPython 2.7
    // makes about one futex wake per switch [M sources:m-old-gil-futex]); the other checks
    // change nothing.
    expect(switches.length).toBeGreaterThan(checks.length / 4);
    expect(switches.length).toBeLessThan(checks.length);
  });

  test('in words', () => {
    const check = checks[0];
    expect(describeGilEvent(check, name)).toBe(`the check interval ran out: ${name(check.thread)} releases and re-acquires, waking ${name(check.other!)}`);
  });
});

describe('voluntary releases', () => {
  const scenario = defineScenario({
    *main() {
      const lock = new Lock();
      const counter = yield spawn('counter', function* () { yield py(400_000); });
      const reader = yield spawn('reader', function* () {
        yield io(2);
        yield native(0.5, { releasesGil: true });
        yield lock.acquire();
        yield lock.release();
      });
      yield sleep(1);
      yield join(reader);
      yield join(counter);
    },
  });

  test.each(['cpython-3.12', 'cpython-2.7'] as const)('%s: I/O, time.sleep, C code, waits and exits each release with their cause', (runtime) => {
    const result = runScenario(scenario, { runtime, cpus: 2 });
    const name = namer(result);
    const releases = result.trace.events.filter((event) => event.kind === 'release').map((event) => `${name(event.thread)} ${event.cause}`);
    expect(releases).toEqual(expect.arrayContaining([
      'reader io-release', 'main sleep-release', 'reader native-release', 'main lock-wait-release',
      'counter exit-release', 'reader exit-release', 'main exit-release',
    ]));
    // Voluntary releases ask nobody to drop anything.
    expect(result.metrics.dropRequests).toBe(0);
  });

  test('a release that wakes a waiter names it', () => {
    const result = runScenario(scenario, { runtime: 'cpython-2.7', cpus: 2 });
    const name = namer(result);
    const sleep = result.trace.events.find((event) => event.kind === 'release' && event.cause === 'sleep-release')!;
    expect(sleep.other).toBe(result.trace.threads.find((thread) => thread.name === 'counter')!.id);
    expect(describeGilEvent(sleep, name)).toBe('main releases the GIL for time.sleep and signals counter');
    const io = result.trace.events.find((event) => event.kind === 'release' && event.cause === 'io-release')!;
    expect(describeGilEvent(io, name)).toMatch(/^reader releases the GIL for blocking I\/O( and signals \w+)?$/);
  });

  test('free-threaded builds have no GIL, so no GIL events', () => {
    const { trace } = runScenario(scenario, { runtime: 'cpython-3.14t', cpus: 2 });
    expect(trace.events.filter((event) => event.cause !== undefined || event.interpreter !== undefined)).toEqual([]);
  });
});

describe('describeGilEvent on anything', () => {
  test('events without a cause, of other kinds, or with unknown threads still get a sentence', () => {
    const name = (id: number) => (id === 0 ? 'main' : undefined);
    expect(describeGilEvent({ time: 1, kind: 'handoff', thread: 0, other: 7 }, name)).toBe('the GIL passes to main from thread 7');
    expect(describeGilEvent({ time: 1, kind: 'io-done', thread: 3 }, name)).toBe("thread 3's I/O or sleep completes");
    expect(describeGilEvent({ time: 1, kind: 'failed-acquire', thread: 0, cause: 'failed-acquire-taken' }, name))
      .toBe('main woke up but another thread took the GIL first (a failed acquire)');
  });

  test('never empty and never "undefined", whatever the event holds (property)', () => {
    const kind = fc.oneof(fc.constantFrom('acquire', 'release', 'handoff', 'drop-request', 'failed-acquire', 'io-done', 'spawn', 'exit'), fc.string());
    const cause = fc.option(fc.oneof(fc.constantFrom('gil-free', 'check-interval', 'timed-out-wait', 'toString', '__proto__'), fc.string()), { nil: undefined });
    const event = fc.record({ time: fc.double(), kind, thread: fc.integer(), cause, other: fc.option(fc.integer(), { nil: undefined }) });
    const names = fc.func(fc.option(fc.string(), { nil: undefined }));
    fc.assert(fc.property(event, names, fc.option(fc.double(), { nil: undefined }), (candidate, threadName, switchIntervalMs) => {
      const sentence = describeGilEvent(candidate as TraceEvent, threadName, { switchIntervalMs });
      expect(sentence.trim()).not.toBe('');
      expect(sentence).not.toMatch(/\bundefined\b|\bNaN\b/);
    }), { numRuns: 300 });
  });
});
