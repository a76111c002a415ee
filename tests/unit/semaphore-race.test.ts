/** The old GIL's semaphore race (src/sim/gil/semaphore-race.ts), decided directly. */
import { describe, expect, test } from 'vitest';
import { raceForLock, type RaceTimings } from '../../src/sim/gil/semaphore-race';

// Round figures, not the presets': the futex wake 5 µs, the lock free 50 ns per check, 300 bytecodes of 50 ns between checks.
const linux: RaceTimings = { signalNs: 5_000, releaseNs: 50, periodNs: 15_000, macos: false };
const running = { runningPython: true, stallAheadNs: 0 };
const never = () => {
  throw new Error('drew a random number it did not need');
};

describe('the semaphore race', () => {
  test('a waiter back while the holder is still in the futex wake that woke it finds the lock free', () => {
    const signalledAt = 1_000_000;
    expect(raceForLock({ arrivedAt: signalledAt + 4_000, signalledAt }, running, linux, never)).toBe('signal-window');
    // The window is the syscall plus the release: just past it, the holder has the lock again.
    expect(raceForLock({ arrivedAt: signalledAt + 5_049, signalledAt }, running, linux, never)).toBe('signal-window');
    expect(raceForLock({ arrivedAt: signalledAt + 5_050, signalledAt }, running, linux, () => 0.99)).toBe('lost');
  });

  test('the usual case: the holder re-acquired long before the woken waiter was scheduled', () => {
    const signalledAt = 1_000_000;
    // 40 µs of wake-up latency: the lock is only free again at a release window, one period in 300.
    const late = { arrivedAt: signalledAt + 40_000, signalledAt };
    const odds = linux.releaseNs / (linux.periodNs + linux.releaseNs);
    expect(raceForLock(late, running, linux, () => odds * 0.99)).toBe('release-window');
    expect(raceForLock(late, running, linux, () => odds * 1.01)).toBe('lost');
    // Woken by a voluntary release (no futex-wake time recorded): only the release window is left.
    expect(raceForLock({ arrivedAt: 0, signalledAt: undefined }, running, linux, () => odds * 1.01)).toBe('lost');
  });

  test('a holder that is not running bytecode makes no check, so the waiter loses without a draw', () => {
    const signalledAt = 1_000_000;
    const soon = { arrivedAt: signalledAt + 100, signalledAt };
    expect(raceForLock(soon, { runningPython: false, stallAheadNs: 0 }, linux, never)).toBe('lost');
    // Inside a stall (cold caches, a syscall) no check falls either.
    expect(raceForLock({ arrivedAt: 0, signalledAt: undefined }, { runningPython: true, stallAheadNs: 1_000 }, linux, never)).toBe('lost');
  });

  test('on macOS the condition variable signals at every release, which widens the window', () => {
    const macos = { ...linux, macos: true };
    const linuxOdds = linux.releaseNs / (linux.periodNs + linux.releaseNs);
    const macosOdds = (macos.releaseNs + macos.signalNs) / (macos.periodNs + macos.releaseNs + macos.signalNs);
    expect(macosOdds).toBeGreaterThan(50 * linuxOdds);
    const draw = () => (linuxOdds + macosOdds) / 2;
    expect(raceForLock({ arrivedAt: 0, signalledAt: undefined }, running, macos, draw)).toBe('release-window');
    expect(raceForLock({ arrivedAt: 0, signalledAt: undefined }, running, linux, draw)).toBe('lost');
  });
});
