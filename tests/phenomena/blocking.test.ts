/**
 * "When a Python thread is blocked ... will that block other threads?" I/O
 * releases the GIL; C code may or may not; and the new GIL's convoy effect.
 */
import { describe, expect, test } from 'vitest';
import { runScenario, type RuntimeName } from 'gilsim';
import { ioLoop, lifetime, nativeThreads } from '../helpers/scenarios';
import convoy from '../../content/when-a-thread-blocks/convoy';
import cHoldsGil from '../../content/when-a-thread-blocks/c-holds-gil';

function convoyRatio(runtime: RuntimeName, spinners = 1, cpus = 2): number {
  const alone = lifetime(runScenario(ioLoop(0), { runtime, cpus }), 'io');
  return lifetime(runScenario(ioLoop(spinners), { runtime, cpus }), 'io') / alone;
}

describe('I/O beside a CPU-bound thread (200 x sleep(0.1 ms) + a little Python)', () => {
  test('new GIL (3.12): each wake-up waits a switch interval: ~30x slower (measured 28.6-30.2x)', () => {
    const ratio = convoyRatio('cpython-3.12');
    expect(ratio).toBeGreaterThan(24);
    expect(ratio).toBeLessThan(35);
    const latency = runScenario(ioLoop(1), { runtime: 'cpython-3.12', cpus: 2 }).metrics.ioLatencyMs;
    expect(latency.p50).toBeGreaterThan(4.9);
    expect(latency.p50).toBeLessThan(5.5);
  });

  test('old GIL (2.7): the I/O thread gets the GIL back within microseconds (measured 1.2x)', () => {
    const ratio = convoyRatio('cpython-2.7');
    expect(ratio).toBeGreaterThan(1.0);
    expect(ratio).toBeLessThan(1.5);
  });

  test('a shorter switch interval shortens the convoy', () => {
    const standard = lifetime(runScenario(ioLoop(1, 50), { runtime: 'cpython-3.12' }), 'io');
    const short = lifetime(runScenario(ioLoop(1, 50), { runtime: 'cpython-3.12', switchIntervalMs: 0.5 }), 'io');
    expect(short).toBeLessThan(standard / 4);
  });

  test('with more CPU-bound threads the I/O thread waits longer (ccbench: 4 ms with 1, 135 ms with 2)', () => {
    const one = runScenario(ioLoop(1, 40), { runtime: 'cpython-3.12', cpus: 2 }).metrics.ioLatencyMs;
    const two = runScenario(ioLoop(2, 40), { runtime: 'cpython-3.12', cpus: 2 }).metrics.ioLatencyMs;
    expect(two.p99).toBeGreaterThan(one.p99 * 1.5);
  });

  test('the chapter scenario shows the convoy under 3.12 and none under 2.7', () => {
    const ratioFor = (runtime: RuntimeName) => {
      const { metrics } = runScenario(convoy, { runtime });
      return lifetime({ metrics }, 'io (beside hog)') / lifetime({ metrics }, 'io (alone)');
    };
    expect(ratioFor('cpython-3.12')).toBeGreaterThan(10);
    expect(ratioFor('cpython-2.7')).toBeLessThan(2);
  });
});

describe('C code', () => {
  test('that releases the GIL runs in parallel: 2 threads take half the time (hashlib: measured 0.54-0.63x)', () => {
    const one = runScenario(nativeThreads(1, 100, true), { cpus: 2 }).metrics.wallMs;
    const two = runScenario(nativeThreads(2, 50, true), { cpus: 2 }).metrics.wallMs;
    expect(two / one).toBeGreaterThan(0.49);
    expect(two / one).toBeLessThan(0.56);
    // ...up to the number of CPUs (Skvortsov's sha256: 3.30 s, 1.68 s, 1.50 s on 2 cores)
    const four = runScenario(nativeThreads(4, 25, true), { cpus: 2 }).metrics.wallMs;
    expect(four / one).toBeGreaterThan(0.49);
  });

  test('that holds the GIL does not (a backtracking regex: measured 0.97-1.14x)', () => {
    const one = runScenario(nativeThreads(1, 100, false), { cpus: 2 }).metrics.wallMs;
    const two = runScenario(nativeThreads(2, 50, false), { cpus: 2 }).metrics.wallMs;
    expect(two / one).toBeGreaterThan(0.99);
    expect(two / one).toBeLessThan(1.1);
  });

  test('that holds the GIL stalls every other thread for its whole duration; releasing it does not', () => {
    const { trace } = runScenario(cHoldsGil);
    const beats = trace.console.filter((line) => line.text === 'beat').map((line) => line.time);
    const releasedAt = trace.console.find((line) => line.text.startsWith('C call that released'))!.time;
    const heldAt = trace.console.find((line) => line.text.startsWith('C call that held'))!.time;
    const beatsDuring = (from: number, to: number) => beats.filter((time) => time > from && time < to).length;
    expect(beatsDuring(0, releasedAt)).toBeGreaterThanOrEqual(8); // ~every 2 ms for 20 ms
    expect(beatsDuring(heldAt - 19.5, heldAt)).toBe(0); // not one beat while the GIL was held
    const gaps = beats.slice(1).map((time, index) => time - beats[index]);
    expect(Math.max(...gaps)).toBeGreaterThan(18);
  });
});
