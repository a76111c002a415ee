/**
 * The chapters' "predict, then reveal" questions, keyed by the scenario id of the
 * figure that answers each one (`<Predict id="two-cpus/gil-battle">` wraps
 * `<Scenario id="two-cpus/gil-battle">`). Every answer is run on the simulator at
 * build time, so when the model changes, the answer text follows.
 */
import { runScenario, type RunOptions } from '../sim/index';
import { formatMs, formatPercent } from '../timeline/format';
import { convoyPhases, wall } from './chapter-figures';
import { directions, directionVerdict, formatRatio, outcomeVerdict, ratioVerdict, type SimulatedAnswer, type SimulatedOutcome } from './guess-verdict';
import oneThread from '../../content/two-cpus/one-thread';
import gilBattle from '../../content/two-cpus/gil-battle';
import breakEven from '../../content/removing-the-gil/break-even';
import plusEquals from '../../content/is-my-code-thread-safe/plus-equals';

interface DirectionQuestion {
  kind: 'direction';
  /** The question, naming the three choices. */
  question: string;
  /** The run's time over the baseline's, with where they come from. */
  answer: () => SimulatedAnswer;
}

interface RatioQuestion {
  kind: 'ratio';
  question: () => string;
  /** The slider's visible label. */
  guessLabel: string;
  /** The ratios the slider offers, in increasing order, and the one it starts at. */
  steps: readonly number[];
  initial: number;
  answer: () => SimulatedAnswer;
}

interface OutcomeQuestion {
  kind: 'outcome';
  question: string;
  /** What might happen, in words; the answer names one of them. */
  choices: readonly string[];
  answer: () => SimulatedOutcome;
}

const runtime27: RunOptions = { runtime: 'cpython-2.7', cpus: 2 };
const breakEvenCpus = 4;

const questions = {
  'two-cpus/gil-battle': {
    kind: 'direction',
    question: 'Two CPU-bound threads on two CPUs under Python 2.7: faster, about the same, or slower than one thread doing both jobs?',
    answer: () => {
      const sequential = wall(oneThread, runtime27);
      const threaded = wall(gilBattle, runtime27);
      return {
        ratio: threaded / sequential,
        evidence: `on CPython 2.7 with 2 CPUs, the two threads took ${formatMs(threaded)}, one thread doing both jobs ${formatMs(sequential)}`,
      };
    },
  },
  'when-a-thread-blocks/convoy': {
    kind: 'ratio',
    question: () => 'Under Python 3.12 on two CPUs, how many times as long do the 50 reads take beside the CPU-bound thread as alone?',
    guessLabel: 'Times as long',
    steps: [1, 1.5, 2, 3, 5, 10, 20, 50, 100, 200],
    initial: 2,
    answer: () => {
      const { aloneMs, besideMs, ratio } = convoyPhases('cpython-3.12');
      return { ratio, evidence: `the 50 reads took ${formatMs(aloneMs)} alone and ${formatMs(besideMs)} beside the CPU-bound thread` };
    },
  },
  'removing-the-gil/break-even': {
    kind: 'ratio',
    question: () => `The work split across ${breakEvenThreads()} threads on ${breakEvenCpus} CPUs: how many times faster does free-threaded 3.14t finish it than the default build, 3.12?`,
    guessLabel: 'Times faster',
    steps: [0.5, 1, 1.5, 2, 2.5, 3, 3.5, 4, 5, 6, 8],
    initial: 3,
    answer: () => {
      const withGil = wall(breakEven, { runtime: 'cpython-3.12', cpus: breakEvenCpus });
      const freeThreaded = wall(breakEven, { runtime: 'cpython-3.14t', cpus: breakEvenCpus });
      return {
        ratio: withGil / freeThreaded,
        evidence: `on ${breakEvenCpus} CPUs, 3.14t finished in ${formatMs(freeThreaded)} and 3.12 in ${formatMs(withGil)}`,
      };
    },
  },
  'is-my-code-thread-safe/plus-equals': {
    kind: 'outcome',
    question: 'Two threads each run counter += 1 a million times under Python 3.9, on two CPUs. It has a GIL: only one thread runs Python at a time. What does counter end at?',
    choices: ['exactly 2,000,000', 'a little short, under 1% of the updates lost', 'far short, more than 1% lost'],
    answer: () => {
      const [counter] = runScenario(plusEquals, { runtime: 'cpython-3.9', cpus: 2 }).shared;
      const fraction = counter.lost / counter.expected;
      const count = (value: number) => value.toLocaleString('en-US');
      return {
        choice: counter.lost === 0 ? 0 : fraction < 0.01 ? 1 : 2,
        evidence: `counter ended at ${count(counter.value)} of ${count(counter.expected)}, ${count(counter.lost)} updates (${formatPercent(fraction)}) lost to thread switches between the read and the write`,
      };
    },
  },
} satisfies Record<string, DirectionQuestion | RatioQuestion | OutcomeQuestion>;

/** The number of worker threads break-even.ts splits its work across (its THREADS). */
function breakEvenThreads(): number {
  const workers = runScenario(breakEven, { runtime: 'cpython-3.14t', cpus: breakEvenCpus }).metrics.threads.filter((thread) => thread.kind === 'thread');
  return workers.length;
}

export type PredictionId = keyof typeof questions;
export const predictionIds = Object.keys(questions) as PredictionId[];

/** What `<Predict>` renders: the question, one choice per radio button or slider step, and every result sentence. */
export interface PredictionView {
  kind: 'direction' | 'ratio' | 'outcome';
  question: string;
  /** The slider's label (ratio questions). */
  guessLabel?: string;
  /** Each choice's label and the sentence shown when it is the guess at Reveal. */
  choices: { label: string; result: string }[];
  /** The choice the slider starts at (ratio questions). */
  initial?: number;
  /** The sentence for "Just show me", and for readers without JavaScript. */
  shown: string;
  /** The simulated answer as every result sentence states it: "1.6×", or an outcome's count. */
  answer: string;
  /** The simulated ratio itself (direction and ratio questions). */
  ratio?: number;
}

/** The view of one question, its answer simulated now; an unknown id names the known ones. */
export function predictionView(id: string): PredictionView {
  if (!Object.hasOwn(questions, id)) {
    throw new Error(`<Predict id="${id}">: no question for this figure (questions: ${predictionIds.join(', ')})`);
  }
  const question = questions[id as PredictionId];
  if (question.kind === 'outcome') {
    const outcome = question.answer();
    return {
      kind: 'outcome',
      question: question.question,
      choices: question.choices.map((label, index) => ({ label, result: outcomeVerdict(index, question.choices, outcome) })),
      shown: outcomeVerdict(undefined, question.choices, outcome),
      answer: outcome.evidence,
    };
  }
  const answer = question.answer();
  if (question.kind === 'direction') {
    return {
      kind: 'direction',
      question: question.question,
      choices: directions.map((direction) => ({ label: direction, result: directionVerdict(direction, answer) })),
      shown: directionVerdict(undefined, answer),
      answer: formatRatio(answer.ratio),
      ratio: answer.ratio,
    };
  }
  return {
    kind: 'ratio',
    question: question.question(),
    guessLabel: question.guessLabel,
    choices: question.steps.map((step) => ({ label: formatRatio(step), result: ratioVerdict(step, answer) })),
    initial: question.initial,
    shown: ratioVerdict(undefined, answer),
    answer: formatRatio(answer.ratio),
    ratio: answer.ratio,
  };
}
