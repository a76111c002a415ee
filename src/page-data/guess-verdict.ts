/**
 * "Predict, then reveal": the sentence that sets a reader's guess against what the
 * simulator answered. Pure text, computed at build time for every possible guess, so
 * the page's script only picks one and never formats a number.
 *
 * Three kinds of guess: a direction (faster, about the same, slower than a baseline),
 * a ratio chosen from a few steps on a slider, and one of a few outcomes in words
 * ("exactly 2,000,000", "far short").
 */

/** What the simulator answered: a ratio, and where it comes from in a reader's words. */
export interface SimulatedAnswer {
  /** Meaning depends on the question: "times as long as the baseline", "times faster", … */
  ratio: number;
  /** The measured times behind the ratio, e.g. "two threads took 137 ms, one thread 85.1 ms". */
  evidence: string;
}

export const directions = ['faster', 'about the same', 'slower'] as const;
export type Direction = (typeof directions)[number];

/** Within this factor of 1 either way, a run counts as "about the same" as its baseline. */
const sameWithin = 1.1;
/** A ratio guess within this factor of the answer counts as about right. */
const closeWithin = 1.25;

/** The direction of a ratio of times (run over baseline: above 1 is slower). */
export function directionOf(timeRatio: number): Direction {
  if (timeRatio > sameWithin) return 'slower';
  if (timeRatio < 1 / sameWithin) return 'faster';
  return 'about the same';
}

/** "1.6×" or "2×" below 10, "51×" from 10: as precise as a reader compares. */
export function formatRatio(ratio: number): string {
  return `${Number(ratio.toFixed(ratio < 10 ? 1 : 0))}×`;
}

/** "it ran 1.6× slower", "it ran 1.9× faster", "it took about the same time (1×)". */
function outcome(timeRatio: number): string {
  switch (directionOf(timeRatio)) {
    case 'slower':
      return `it ran ${formatRatio(timeRatio)} slower`;
    case 'faster':
      return `it ran ${formatRatio(1 / timeRatio)} faster`;
    case 'about the same':
      return `it took about the same time (${formatRatio(timeRatio)})`;
  }
}

/** The result of a direction question; `guess` undefined when the reader only asked to see it. */
export function directionVerdict(guess: Direction | undefined, answer: SimulatedAnswer): string {
  const result = `${outcome(answer.ratio)}: ${answer.evidence}.`;
  if (guess === undefined) return `The simulation says ${directionOf(answer.ratio)}: ${result}`;
  if (guess === directionOf(answer.ratio)) return `You guessed ${guess}, and so it was: ${result}`;
  return `You guessed ${guess}; ${result}`;
}

/** The result of a ratio question; `guess` undefined when the reader only asked to see it. */
export function ratioVerdict(guess: number | undefined, answer: SimulatedAnswer): string {
  const simulated = formatRatio(answer.ratio);
  if (guess === undefined) return `The simulation says ${simulated}: ${answer.evidence}.`;
  const you = `You guessed ${formatRatio(guess)}`;
  const factor = answer.ratio / guess;
  if (factor <= closeWithin && factor >= 1 / closeWithin) return `${you}, about right: it was ${simulated}; ${answer.evidence}.`;
  if (factor > 1) return `${you}; it was ${simulated}, ${times(factor)} your guess: ${answer.evidence}.`;
  return `${you}; it was only ${simulated}, your guess was ${times(1 / factor)} too high: ${answer.evidence}.`;
}

/** "about 5 times", "about 2.5 times". */
function times(factor: number): string {
  return `about ${factor < 10 ? Number(factor.toFixed(1)) : Math.round(factor)} times`;
}

/** What the simulator answered to an outcome question: which of the choices happened, and the figures behind it. */
export interface SimulatedOutcome {
  /** Index into the question's choices. */
  choice: number;
  evidence: string;
}

/** The result of an outcome question; `guess` (an index into `choices`) undefined when the reader only asked to see it. */
export function outcomeVerdict(guess: number | undefined, choices: readonly string[], answer: SimulatedOutcome): string {
  const happened = choices[answer.choice];
  if (guess === undefined) return `The simulation says ${happened}: ${answer.evidence}.`;
  if (guess === answer.choice) return `You guessed ${choices[guess]}, and so it was: ${answer.evidence}.`;
  return `You guessed ${choices[guess]}; it was ${happened}: ${answer.evidence}.`;
}
