/**
 * "Predict, then reveal": the result sentence names the reader's guess and the
 * simulated ratio, says whether the guess was right, and the chapters' answers come
 * from the simulator (src/page-data/predictions.ts), not from a stored number.
 */
import { describe, expect, test } from 'vitest';
import { directionOf, directionVerdict, formatRatio, outcomeVerdict, ratioVerdict } from '../../src/page-data/guess-verdict';
import { predictionIds, predictionView } from '../../src/page-data/predictions';
import { wall } from '../../src/page-data/chapter-figures';
import gilBattle from '../../content/two-cpus/gil-battle';
import oneThread from '../../content/two-cpus/one-thread';
import plusEquals from '../../content/is-my-code-thread-safe/plus-equals';
import { runScenario } from 'gilsim';

const evidence = 'two threads took 137 ms, one thread 85 ms';

describe('guess verdicts', () => {
  test('a direction within 10% of the baseline is "about the same"', () => {
    expect([0.5, 0.95, 1, 1.05, 1.6].map(directionOf)).toEqual(['faster', 'about the same', 'about the same', 'about the same', 'slower']);
  });

  test('a wrong direction names the guess, the outcome and the ratio', () => {
    expect(directionVerdict('faster', { ratio: 1.6, evidence })).toBe(`You guessed faster; it ran 1.6× slower: ${evidence}.`);
    expect(directionVerdict('slower', { ratio: 0.5, evidence })).toBe(`You guessed slower; it ran 2× faster: ${evidence}.`);
  });

  test('a right direction says so', () => {
    expect(directionVerdict('slower', { ratio: 1.6, evidence })).toMatch(/^You guessed slower, and so it was: it ran 1\.6× slower/);
    expect(directionVerdict('about the same', { ratio: 1.01, evidence })).toMatch(/^You guessed about the same, and so it was: it took about the same time \(1×\)/);
  });

  test('without a guess, the answer alone', () => {
    expect(directionVerdict(undefined, { ratio: 1.6, evidence })).toBe(`The simulation says slower: it ran 1.6× slower: ${evidence}.`);
    expect(ratioVerdict(undefined, { ratio: 51.2, evidence })).toBe(`The simulation says 51×: ${evidence}.`);
  });

  test('a ratio guess is about right within 25%, else too low or too high by a factor', () => {
    expect(ratioVerdict(50, { ratio: 51.2, evidence })).toMatch(/^You guessed 50×, about right: it was 51×/);
    expect(ratioVerdict(10, { ratio: 51.2, evidence })).toMatch(/^You guessed 10×; it was 51×, about 5\.1 times your guess/);
    expect(ratioVerdict(200, { ratio: 51.2, evidence })).toMatch(/^You guessed 200×; it was only 51×, your guess was about 3\.9 times too high/);
  });

  test('an outcome guess names the guess and, when wrong, what happened', () => {
    const choices = ['exactly 2,000,000', 'a little short', 'far short'];
    const answer = { choice: 2, evidence: 'counter ended at 1,300,000' };
    expect(outcomeVerdict(2, choices, answer)).toBe('You guessed far short, and so it was: counter ended at 1,300,000.');
    expect(outcomeVerdict(0, choices, answer)).toBe('You guessed exactly 2,000,000; it was far short: counter ended at 1,300,000.');
    expect(outcomeVerdict(undefined, choices, answer)).toBe('The simulation says far short: counter ended at 1,300,000.');
  });

  test('ratios read with at most one decimal below 10 and whole from 10', () => {
    expect([0.5, 1, 1.604, 9.96, 10, 50.5].map(formatRatio)).toEqual(['0.5×', '1×', '1.6×', '10×', '10×', '51×']);
  });
});

describe('the chapters\' questions', () => {
  test.each(predictionIds)('%s: every choice has its own result naming the choice and the simulated answer', (id) => {
    const view = predictionView(id);
    expect(view.choices.length).toBeGreaterThanOrEqual(3);
    for (const choice of view.choices) {
      expect(choice.result).toContain(`You guessed ${choice.label}`);
      expect(choice.result).toContain(view.answer);
    }
    expect(new Set(view.choices.map((choice) => choice.result)).size).toBe(view.choices.length);
    expect(view.shown).toContain(view.answer);
    if (view.ratio !== undefined) expect(view.answer).toBe(formatRatio(view.ratio));
    if (view.kind === 'ratio') expect(view.initial).toBeLessThan(view.choices.length);
  });

  test('the GIL battle answer is the simulated two-thread time over one thread doing both jobs', () => {
    const options = { runtime: 'cpython-2.7', cpus: 2 } as const;
    const ratio = wall(gilBattle, options) / wall(oneThread, options);
    const view = predictionView('two-cpus/gil-battle');
    expect(view.ratio).toBeCloseTo(ratio, 9);
    // The chapter's point: under the old GIL on two CPUs the threads are slower.
    expect(view.choices.find((choice) => choice.label === 'slower')?.result).toMatch(/and so it was/);
  });

  test('the race answer is the simulated count under 3.9, and the misconception ("exactly 2,000,000") is wrong', () => {
    const [counter] = runScenario(plusEquals, { runtime: 'cpython-3.9', cpus: 2 }).shared;
    const view = predictionView('is-my-code-thread-safe/plus-equals');
    expect(view.kind).toBe('outcome');
    expect(view.answer).toContain(`counter ended at ${counter.value.toLocaleString('en-US')} of 2,000,000`);
    expect(counter.lost / counter.expected).toBeGreaterThan(0.01);
    expect(view.choices[0].result).toMatch(/^You guessed exactly 2,000,000; it was far short/);
    expect(view.choices[2].result).toMatch(/and so it was/);
  });

  test('an unknown id stops the build with the known ids', () => {
    expect(() => predictionView('two-cpus/nope')).toThrow(/<Predict id="two-cpus\/nope">: no question .*two-cpus\/gil-battle/);
    expect(() => predictionView('toString')).toThrow(/no question/);
  });
});
