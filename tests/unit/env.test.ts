import { describe, expect, test } from 'vitest';
import { Environment } from '../../src/sim/engine/env';
import { Random } from '../../src/sim/engine/rng';

describe('Environment', () => {
  test('runs events in time order, and events at the same instant in scheduling order', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(5, () => log.push(`b@${env.now}`));
    env.schedule(1, () => log.push(`a@${env.now}`));
    env.schedule(5, () => log.push(`c@${env.now}`));
    env.schedule(5, () => log.push(`d@${env.now}`));
    while (env.step());
    expect(log).toEqual(['a@1', 'b@5', 'c@5', 'd@5']);
    expect(env.processed).toBe(4);
  });

  test('a cancelled timer never fires and is not counted', () => {
    const env = new Environment();
    const log: number[] = [];
    const timer = env.schedule(2, () => log.push(2));
    env.schedule(3, () => log.push(3));
    timer.cancel();
    expect(env.peek()).toBe(3);
    while (env.step());
    expect(log).toEqual([3]);
    expect(env.processed).toBe(1);
  });

  test('events scheduled from events run at the right time, and the past is refused', () => {
    const env = new Environment();
    const times: number[] = [];
    env.schedule(10, () => env.schedule(5, () => times.push(env.now)));
    while (env.step());
    expect(times).toEqual([15]);
    expect(() => env.schedule(-1, () => {})).toThrow(/past/);
  });

  test('while an event runs, peek shows the next one, and what it schedules runs in order after it', () => {
    const env = new Environment();
    const log: string[] = [];
    env.schedule(5, () => {
      log.push(`a@${env.now} next@${env.peek()}`);
      env.schedule(2, () => log.push(`c@${env.now}`));
      env.schedule(0, () => log.push(`d@${env.now}`));
      log.push(`next@${env.peek()}`);
    });
    env.schedule(6, () => log.push(`b@${env.now}`));
    while (env.step());
    expect(log).toEqual(['a@5 next@6', 'next@5', 'd@5', 'b@6', 'c@7']);
    expect(env.processed).toBe(4);
  });

  test('the heap keeps order under many random insertions', () => {
    const env = new Environment();
    const random = new Random(7);
    const fired: number[] = [];
    for (let index = 0; index < 2000; index++) {
      const delay = Math.floor(random.next() * 1000);
      env.schedule(delay, () => fired.push(env.now));
    }
    while (env.step());
    expect(fired).toHaveLength(2000);
    expect(fired).toEqual([...fired].sort((a, b) => a - b));
  });

  test('with thousands of cancellations (the heap rebuilt), the live timers fire once each, by time then scheduling order', () => {
    const env = new Environment();
    const random = new Random(3);
    const expected: { time: number; order: number }[] = [];
    const fired: number[] = [];
    let order = 0;
    // Events schedule more events and cancel some pending ones, as the simulator does.
    const pending: { timer: ReturnType<Environment['schedule']>; entry: { time: number; order: number } }[] = [];
    const add = () => {
      const entry = { time: env.now + Math.floor(random.next() * 50), order: order++ };
      const timer = env.schedule(entry.time - env.now, () => fired.push(entry.order));
      pending.push({ timer, entry });
      expected.push(entry);
    };
    for (let index = 0; index < 3000; index++) add();
    env.schedule(10, () => {
      for (let index = 0; index < 2500; index++) {
        const victim = pending.splice(random.index(pending.length), 1)[0];
        if (victim.entry.time <= env.now) continue; // fired already or firing now: cancelling it changes nothing
        victim.timer.cancel();
        expected.splice(expected.indexOf(victim.entry), 1);
      }
      for (let index = 0; index < 500; index++) add();
    });
    while (env.step());
    const byTimeThenOrder = [...expected].sort((a, b) => a.time - b.time || a.order - b.order).map((entry) => entry.order);
    expect(fired).toEqual(byTimeThenOrder);
    expect(env.processed).toBe(expected.length + 1);
  });
});

describe('Random', () => {
  test('same seed, same sequence; other seed, other sequence; always in [0, 1)', () => {
    const take = (seed: number) => { const random = new Random(seed); return Array.from({ length: 50 }, () => random.next()); };
    expect(take(1)).toEqual(take(1));
    expect(take(1)).not.toEqual(take(2));
    for (const value of take(3)) expect(value >= 0 && value < 1).toBe(true);
  });

  test('jitter stays within its spread and index within its bound', () => {
    const random = new Random(11);
    for (let index = 0; index < 500; index++) {
      const value = random.jitter(10, 0.5);
      expect(value).toBeGreaterThanOrEqual(5);
      expect(value).toBeLessThan(15);
      expect(random.index(3)).toBeLessThan(3);
    }
  });
});
