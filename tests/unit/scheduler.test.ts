/** The OS scheduler on its own, with fake threads that just log what happens to them. */
import { describe, expect, test } from 'vitest';
import { Environment } from '../../src/sim/engine/env';
import { Random } from '../../src/sim/engine/rng';
import { CfsPolicy } from '../../src/sim/machine/cfs';
import { EevdfPolicy } from '../../src/sim/machine/eevdf';
import { Scheduler, type Cpu, type RunState, type Schedulable } from '../../src/sim/machine/scheduler';
import { Recorder } from '../../src/sim/trace/recorder';

const US = 1e3;
const MS = 1e6;

const policies = {
  cfs: (state: RunState) => new CfsPolicy(state, { timeSliceNs: 4 * MS, wakeupGranularityNs: 1 * MS, sleeperCreditNs: 3 * MS }),
  // This VM's kernel: a 1.4 ms base slice, HZ = 250 [M sources:m-eevdf].
  eevdf: (state: RunState) => new EevdfPolicy(state, { sliceNs: 1.4 * MS, tickNs: 4 * MS }),
};

function machine(cpus: number, policy: keyof typeof policies = 'cfs') {
  const env = new Environment();
  const recorder = new Recorder();
  const scheduler = new Scheduler(env, cpus, { wakeLatencyNs: 2 * US, contextSwitchNs: 3 * US }, policies[policy], new Random(1), recorder);
  const log: string[] = [];
  const thread = (id: number): Schedulable => ({
    id, cpu: null, lastCpu: -1, runnable: false, vruntime: 0, deadline: 0, lag: 0,
    dispatched(cpu: Cpu, startAt: number) { log.push(`${id} on cpu${cpu.id} at ${env.now / US}us, works from ${startAt / US}us`); },
    preempted() { log.push(`${id} preempted at ${env.now / MS}ms`); },
  });
  return { env, scheduler, recorder, log, thread };
}

describe('Scheduler (CFS rules)', () => {
  test('runnable threads take idle CPUs first, then queue in FIFO order', () => {
    const { scheduler, log, thread } = machine(2);
    const [a, b, c, d] = [0, 1, 2, 3].map(thread);
    for (const t of [a, b, c, d]) scheduler.makeRunnable(t, false);
    expect(log).toEqual(['0 on cpu0 at 0us, works from 0us', '1 on cpu1 at 0us, works from 0us']);
    expect(scheduler.queued).toBe(2);
    scheduler.leave(a);
    expect(log.at(-1)).toBe('2 on cpu0 at 0us, works from 3us'); // a context switch to another thread
    scheduler.leave(b);
    expect(log.at(-1)).toBe('3 on cpu1 at 0us, works from 3us');
  });

  test('with threads queued, a thread is preempted after its time slice, round robin', () => {
    const { env, scheduler, log, thread } = machine(1);
    const [a, b] = [0, 1].map(thread);
    scheduler.makeRunnable(a, false);
    scheduler.makeRunnable(b, false);
    while (env.peek() <= 8 * MS && env.step());
    expect(log).toEqual([
      '0 on cpu0 at 0us, works from 0us',
      '0 preempted at 4ms', '1 on cpu0 at 4000us, works from 4003us',
      '1 preempted at 8ms', '0 on cpu0 at 8000us, works from 8003us',
    ]);
  });

  test('nobody is preempted while nobody waits', () => {
    const { env, scheduler, log, thread } = machine(1);
    scheduler.makeRunnable(thread(0), false);
    env.schedule(50 * MS, () => {});
    while (env.step());
    expect(log).toEqual(['0 on cpu0 at 0us, works from 0us']);
  });

  test('a woken thread that used far less CPU preempts at once (CFS wake-up preemption)', () => {
    const { env, scheduler, log, thread } = machine(1);
    const hog = thread(0);
    const sleeper = thread(1);
    scheduler.makeRunnable(hog, false);
    env.schedule(10 * MS, () => scheduler.makeRunnable(sleeper, true));
    while (env.peek() <= 10 * MS && env.step());
    expect(log).toEqual(['0 on cpu0 at 0us, works from 0us', '0 preempted at 10ms', '1 on cpu0 at 10000us, works from 10003us']);
  });

  test('a woken thread that is not behind the running one by the granularity waits its turn', () => {
    const { env, scheduler, log, thread } = machine(1);
    const running = thread(0);
    const woken = thread(1);
    woken.vruntime = 5 * MS; // it has used more CPU than the running thread will have by 0.5 ms
    scheduler.makeRunnable(running, false);
    env.schedule(0.5 * MS, () => scheduler.makeRunnable(woken, true));
    while (env.peek() < 4.5 * MS && env.step());
    expect(log).toEqual(['0 on cpu0 at 0us, works from 0us', '0 preempted at 4ms', '1 on cpu0 at 4000us, works from 4003us']);
  });

  test('CPU occupancy reaches the trace', () => {
    const { env, scheduler, recorder, thread } = machine(2);
    const a = thread(0);
    scheduler.makeRunnable(a, false);
    env.schedule(2 * MS, () => scheduler.leave(a));
    while (env.step());
    const { trace, metrics } = recorder.finish(4 * MS, 2, 'x', 0);
    expect(trace.cpu).toEqual([{ cpu: 0, thread: 0, start: 0, end: 2 }]);
    expect(metrics.cpuUtilization).toBeCloseTo(2 / 8);
  });
});

describe('Scheduler (EEVDF rules)', () => {
  test('two CPU-bound threads on one CPU switch at every tick, though a slice is shorter', () => {
    const { env, scheduler, log, thread } = machine(1, 'eevdf');
    const [a, b] = [0, 1].map(thread);
    scheduler.makeRunnable(a, false);
    scheduler.makeRunnable(b, false);
    while (env.peek() <= 8 * MS && env.step());
    expect(log).toEqual([
      '0 on cpu0 at 0us, works from 0us',
      '0 preempted at 4ms', '1 on cpu0 at 4000us, works from 4003us',
      '1 preempted at 8ms', '0 on cpu0 at 8000us, works from 8003us',
    ]);
  });

  test('a thread that slept comes back behind, and preempts at once a thread that has run ahead', () => {
    const { env, scheduler, log, thread } = machine(1, 'eevdf');
    const [hog, sleeper] = [0, 1].map(thread);
    scheduler.makeRunnable(hog, false);
    scheduler.makeRunnable(sleeper, false);
    // The sleeper gets the CPU at the 4 ms tick, runs 0.5 ms and blocks, short of its share.
    env.schedule(4.5 * MS, () => scheduler.leave(sleeper));
    env.schedule(10 * MS, () => scheduler.makeRunnable(sleeper, true));
    while (env.peek() <= 10 * MS && env.step());
    expect(sleeper.lag).toBeGreaterThan(0);
    expect(log.slice(-2)).toEqual(['0 preempted at 10ms', '1 on cpu0 at 10000us, works from 10003us']);
  });

  test('a running thread that is still eligible keeps its slice: the woken one waits for the tick (RUN_TO_PARITY)', () => {
    const { env, scheduler, log, thread } = machine(1, 'eevdf');
    const [running, woken] = [0, 1].map(thread);
    scheduler.makeRunnable(running, false);
    env.schedule(0.5 * MS, () => scheduler.makeRunnable(woken, true));
    while (env.peek() <= 4 * MS && env.step());
    expect(log).toEqual(['0 on cpu0 at 0us, works from 0us', '0 preempted at 4ms', '1 on cpu0 at 4000us, works from 4003us']);
  });

  test('a free CPU takes the eligible thread with the earliest deadline, not the first queued', () => {
    const { env, scheduler, log, thread } = machine(1, 'eevdf');
    const [running, early, late] = [0, 1, 2].map(thread);
    scheduler.makeRunnable(running, false);
    late.lag = -1 * MS; // went to sleep ahead of its share: placed after the others
    early.lag = 1 * MS;
    scheduler.makeRunnable(late, false);
    scheduler.makeRunnable(early, false);
    env.schedule(1 * MS, () => scheduler.leave(running));
    while (env.peek() <= 1 * MS && env.step());
    expect(log.at(-1)).toBe('1 on cpu0 at 1000us, works from 1003us');
  });
});
