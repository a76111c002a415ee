import { describe, expect, test } from 'vitest';
import { defineScenario, py, sleep, spawn, join, log, Lock, Event, Queue, presetParams, runScenario } from 'gilsim';

describe('threading primitives', () => {
  test('a Lock serialises critical sections: no interleaving even across a blocking call', () => {
    const lock = new Lock();
    const scenario = defineScenario({
      *main() {
        const order: string[] = [];
        const worker = (name: string) => function* () {
          yield lock.acquire();
          order.push(`${name}+`);
          yield sleep(1); // hold the lock across a blocking call
          order.push(`${name}-`);
          yield lock.release();
        };
        const a = yield spawn('a', worker('a'));
        const b = yield spawn('b', worker('b'));
        yield join(a);
        yield join(b);
        log(order.join(' '));
      },
    });
    const { trace, metrics } = runScenario(scenario);
    expect(['a+ a- b+ b-', 'b+ b- a+ a-']).toContain(trace.console[0].text);
    // The second one waited for the lock (blocked) about as long as the first held it.
    const second = trace.console[0].text.startsWith('a') ? 'b' : 'a';
    expect(metrics.threads.find((thread) => thread.name === second)!.blockedMs).toBeGreaterThan(1.9);
  });

  test('an Event releases every waiter when set', () => {
    const ready = new Event();
    const scenario = defineScenario({
      *main() {
        const waiters = [];
        for (const name of ['w1', 'w2', 'w3']) waiters.push(yield spawn(name, function* () { yield ready.wait(); log(`${name} woke`); }));
        yield sleep(5);
        yield ready.set();
        for (const waiter of waiters) yield join(waiter);
      },
    });
    const { trace } = runScenario(scenario);
    expect(trace.console.map((line) => line.text).sort()).toEqual(['w1 woke', 'w2 woke', 'w3 woke']);
    for (const line of trace.console) expect(line.time).toBeGreaterThanOrEqual(5);
  });

  test('a Queue hands items from producer to consumer in FIFO order, get blocks while empty', () => {
    const jobs = new Queue<number>();
    const scenario = defineScenario({
      *main() {
        const consumer = yield spawn('consumer', function* () {
          let sum = 0;
          for (let index = 0; index < 3; index++) sum = sum * 10 + ((yield jobs.get()) as number);
          return sum;
        });
        for (const job of [1, 2, 3]) { yield sleep(1); yield jobs.put(job); }
        const total = yield join(consumer);
        log(`sum ${total}`);
      },
    });
    const { trace, metrics } = runScenario(scenario);
    expect(trace.console.at(-1)?.text).toBe('sum 123');
    expect(metrics.threads.find((thread) => thread.name === 'consumer')!.blockedMs).toBeGreaterThan(2.5);
  });

  test('a released Lock is free for anyone: the releaser takes it back before the woken waiter runs, which sleeps again', () => {
    const lock = new Lock('shared');
    const scenario = defineScenario({
      cpus: 2,
      *main() {
        const order: string[] = [];
        yield lock.acquire();
        const waiter = yield spawn('waiter', function* () { yield lock.acquire(); order.push('waiter got it'); yield lock.release(); });
        yield sleep(1); // the waiter asks and goes to sleep on the lock
        for (let i = 0; i < 50; i++) { yield py(2_000); yield lock.release(); yield lock.acquire(); }
        order.push('main done');
        yield lock.release();
        yield join(waiter);
        log(order.join(', '));
      },
    });
    const { trace } = runScenario(scenario, { runtime: 'cpython-3.12' });
    // Each release wakes the waiter, tens of µs away; main takes the lock back within nanoseconds.
    expect(trace.console[0].text).toBe('main done, waiter got it');
    const waiter = trace.threads.find((thread) => thread.name === 'waiter')!.id;
    const sleeps = trace.intervals.filter((interval) => interval.thread === waiter && interval.state === 'blocked');
    expect(sleeps.length).toBeGreaterThan(5);
  });

  test('waking a sleeper costs the waker wakeSignalUs of C time, with the GIL held; nothing when nobody sleeps', () => {
    const { wakeSignalUs } = presetParams('cpython-3.12');
    const releaserNativeMs = (withSleeper: boolean) => {
      const lock = new Lock();
      const scenario = defineScenario({
        cpus: 2,
        *main() {
          yield lock.acquire();
          const other = yield spawn('other', function* () { if (withSleeper) { yield lock.acquire(); yield lock.release(); } });
          yield sleep(1);
          yield lock.release();
          yield join(other);
        },
      });
      return runScenario(scenario, { runtime: 'cpython-3.12' }).metrics.threads.find((thread) => thread.name === 'main')!.nativeMs;
    };
    expect(releaserNativeMs(true)).toBeCloseTo(wakeSignalUs / 1e3, 9);
    expect(releaserNativeMs(false)).toBe(0);
  });

  test('a getter woken by put looks again: a thread that got there first leaves it waiting', () => {
    const jobs = new Queue<number>();
    const scenario = defineScenario({
      cpus: 2,
      *main() {
        const taken: string[] = [];
        const sleeper = yield spawn('sleeper', function* () { const job = yield* jobs.get(); taken.push(`sleeper ${job}`); });
        yield sleep(1); // the sleeper waits in get()
        yield jobs.put(1);
        taken.push(`main ${yield* jobs.get()}`); // main, still running, takes it before the sleeper wakes
        yield jobs.put(2);
        yield join(sleeper);
        log(taken.join(', '));
      },
    });
    const { trace } = runScenario(scenario, { runtime: 'cpython-3.12' });
    expect(trace.console[0].text).toBe('main 1, sleeper 2');
  });

  test('join hands back the return value; log lines carry simulated time and thread', () => {
    const scenario = defineScenario({
      *main() {
        const child = yield spawn('child', function* () { yield sleep(2); log('child done'); return 'result'; });
        const value = yield join(child);
        log('got', value);
      },
    });
    const { trace } = runScenario(scenario);
    expect(trace.console.map((line) => line.text)).toEqual(['child done', 'got result']);
    expect(trace.console[0].time).toBeGreaterThanOrEqual(2);
    expect(trace.console[0].thread).toBe(1);
  });

  test('a deadlock is reported with who waits for what', () => {
    const first = new Lock('first');
    const second = new Lock('second');
    const scenario = defineScenario({
      *main() {
        const a = yield spawn('a', function* () { yield first.acquire(); yield sleep(1); yield second.acquire(); });
        const b = yield spawn('b', function* () { yield second.acquire(); yield sleep(1); yield first.acquire(); });
        yield join(a);
        yield join(b);
      },
    });
    expect(() => runScenario(scenario)).toThrow(/deadlock .*"a" \(waiting for second\).*"b" \(waiting for first\)/);
  });

  test('re-acquiring a held Lock and releasing an unlocked one are errors, as in Python', () => {
    const lock = new Lock('l');
    const twice = defineScenario({ *main() { yield lock.acquire(); yield lock.acquire(); } });
    expect(() => runScenario(twice)).toThrow(/not reentrant/);
    const unlocked = defineScenario({ *main() { yield lock.release(); } });
    expect(() => runScenario(unlocked)).toThrow(/release unlocked lock/);
  });

  test('primitives keep no state between runs of the same scenario', () => {
    const lock = new Lock();
    const scenario = defineScenario({ *main() { yield lock.acquire(); yield py(100); } });
    expect(() => { runScenario(scenario); runScenario(scenario); }).not.toThrow();
  });
});

describe('queue.Queue and threading.Event run their own Python', () => {
  const scenario = (runtime: 'cpython-3.12' | 'cpython-2.7') => defineScenario({
    runtime, cpus: 1,
    *main() {
      const jobs = new Queue<number>('jobs');
      const ready = new Event('ready');
      for (let i = 0; i < 100; i++) yield jobs.put(i);
      for (let i = 0; i < 100; i++) yield jobs.get();
      yield ready.set();
      yield ready.wait();
    },
  });

  test.each(['cpython-3.12', 'cpython-2.7'] as const)('on %s each call is that many bytecodes of Python with the GIL held; 0 makes it free', (runtime) => {
    const costed = runScenario(scenario(runtime), { bytecodeNs: 2 });
    const free = runScenario(scenario(runtime), {
      bytecodeNs: 2, queuePutBytecodes: 0, queueGetBytecodes: 0, eventSetBytecodes: 0, eventWaitBytecodes: 0,
    });
    const params = { 'cpython-3.12': [250, 280, 210, 130], 'cpython-2.7': [450, 430, 650, 220] }[runtime];
    const expectedMs = (100 * params[0] + 100 * params[1] + params[2] + params[3]) * 2 / 1e6;
    const [main] = costed.metrics.threads;
    // The old GIL's checks every 100 ticks add their own few ns to Python time.
    const added = main.pythonMs - free.metrics.threads[0].pythonMs;
    expect(added / expectedMs).toBeGreaterThanOrEqual(0.999);
    expect(added / expectedMs).toBeLessThan(1.05);
    expect(costed.trace.intervals.some((interval) => interval.state === 'python')).toBe(true);
    expect(free.metrics.threads[0].pythonMs).toBe(0);
  });

  test('a get switched out mid-method keeps the queue\'s mutex: a put from another thread waits for the get to finish', () => {
    const jobs = new Queue<number>('jobs');
    const scenario = defineScenario({
      runtime: 'cpython-3.12', cpus: 2,
      // A get running 10 ms of Python, so the forced switch that gives main the GIL back
      // after the start (5 ms later) lands inside it.
      queueGetBytecodes: 5_000_000,
      *main() {
        yield jobs.put(1);
        const consumer = yield spawn('consumer', function* () { yield jobs.get(); log('got'); });
        yield jobs.put(2);
        log('put');
        yield join(consumer);
      },
    });
    const { trace, metrics } = runScenario(scenario, { bytecodeNs: 2 });
    const at = (text: string) => trace.console.find((line) => line.text === text)!.time;
    expect(trace.events.some((event) => event.cause === 'forced-switch')).toBe(true);
    expect(at('put')).toBeGreaterThan(at('got'));
    // Blocked about 5 ms on jobs.mutex: the rest of the get's Python.
    expect(metrics.threads.find((thread) => thread.name === 'main')!.blockedMs).toBeGreaterThan(4);
  });

  test.each([['cpython-2.7', 5], ['cpython-3.12', 0]] as const)('on %s, five acquires of a free Lock release the GIL %i times (up to 3.1 every acquire does)', (runtime, releases) => {
    const lock = new Lock('free');
    const scenario = defineScenario({
      runtime,
      *main() {
        for (let i = 0; i < 5; i++) { yield lock.acquire(); yield py(100); yield lock.release(); }
      },
    });
    const { trace } = runScenario(scenario);
    expect(trace.events.filter((event) => event.kind === 'release' && event.cause === 'lock-wait-release')).toHaveLength(releases);
  });
});
