import { describe, expect, test, vi } from 'vitest';
import { defaultBudget, engineLimit, engineLimitAdvice, longBudget, longRunStatus, RunProgress, wallClockAdvice } from '../../src/playground/budget';
import { limitError } from '../helpers/limit-error';


describe('run budgets', () => {
  test('Run longer is ten times the events and a longer wall clock', () => {
    expect(longBudget.maxEvents).toBe(defaultBudget.maxEvents * 10);
    expect(longBudget.wallMs).toBeGreaterThan(defaultBudget.wallMs);
  });

  test('the event limit offers Run longer and drops the engine\'s advice to raise maxEvents', () => {
    const error = limitError({ maxEvents: defaultBudget.maxEvents / 100 }, 'loop');
    expect(engineLimit(error)).toBe('events');
    const advice = engineLimitAdvice(error, defaultBudget);
    expect(advice?.runLonger).toBe(true);
    expect(advice?.text).not.toMatch(/maxEvents/);
    expect(advice?.text).toMatch(/stops each run after 3,000,000 simulator events; Run longer allows 30,000,000/);
    // Under the long budget there is nothing longer to offer: say what else to do.
    const again = engineLimitAdvice(error, longBudget);
    expect(again?.runLonger).toBe(false);
    expect(again?.text).toMatch(/largest budget \(30,000,000 simulator events\).*command line/);
  });

  test('the simulated-time cap says so, and Run longer would not help', () => {
    const error = limitError({ maxSimMs: 5000 }, 'sleep');
    expect(engineLimit(error)).toBe('simulated-time');
    const advice = engineLimitAdvice(error, defaultBudget);
    expect(advice).toEqual({ runLonger: false, text: expect.stringMatching(/^SimulationLimitError: stopped at 5,000 simulated ms: .*simulate less time/) });
    expect(advice?.text).not.toMatch(/maxSimMs/);
  });

  test('an error that is not a limit gets no limit advice', () => {
    expect(engineLimitAdvice({ message: 'boom' }, defaultBudget)).toBeUndefined();
  });

  test('the wall clock: Run longer after the default budget, and no offer after the long one', () => {
    expect(wallClockAdvice(10_004, defaultBudget)).toEqual({ runLonger: true, text: expect.stringMatching(/^Stopped after 10 s: .*Run longer \(up to 60 s\)/) });
    expect(wallClockAdvice(60_010, longBudget)).toEqual({ runLonger: false, text: expect.stringMatching(/^Stopped after 60 s of real time, the longest .*command line/) });
  });

  test('a long run\'s status counts the seconds', () => {
    expect(longRunStatus(12_400)).toBe('Running longer (up to 30,000,000 events)… 12 s of at most 60 s. Stop ends it.');
  });

  test('during a long run the status counts the seconds, with the runner\'s step before it, and stops counting at the end', () => {
    vi.useFakeTimers();
    try {
      const shown: string[] = [];
      const progress = new RunProgress((text) => shown.push(text));
      progress.step('Running…');
      expect(shown.at(-1)).toBe('Running…');
      progress.startLong(longBudget);
      expect(shown.at(-1)).toMatch(/^Running longer .*0 s of at most 60 s/);
      vi.advanceTimersByTime(3000);
      expect(shown.at(-1)).toMatch(/3 s of at most 60 s/);
      progress.step('Running B (2 of 2)…');
      expect(shown.at(-1)).toMatch(/^Running B \(2 of 2\)… Running longer .*3 s of at most 60 s/);
      progress.end();
      const count = shown.length;
      vi.advanceTimersByTime(5000);
      expect(shown.length).toBe(count);
    } finally {
      vi.useRealTimers();
    }
  });
});
