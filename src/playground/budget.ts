/**
 * The budgets a run gets and what the page says when one is used up. Three limits
 * can end a run: the engine's event budget (the reader can raise it once, with "Run
 * longer"), the runner's wall clock (likewise), and the engine's simulated-time cap,
 * which no budget here changes. Each gets advice that fits it: the engine's own
 * advice names `maxEvents`, which only a command-line user can set.
 */
import type { ScenarioError } from './protocol';

/** Budgets that end a runaway scenario. */
export interface RunBudget {
  /** Wall-clock limit for the whole request, ms. */
  wallMs: number;
  /** Engine events per variant (passed to `runScenario` as `maxEvents`). */
  maxEvents: number;
}

/** What a Run gets. */
export const defaultBudget: RunBudget = { wallMs: 10_000, maxEvents: 3_000_000 };

/** "Run longer": ten times the events, six times the wall clock. */
export const longBudget: RunBudget = { wallMs: 60_000, maxEvents: 30_000_000 };

/** Which engine limit ended a run (the wall clock is reported by the runner, not here). */
export type EngineLimit = 'events' | 'simulated-time';

/** A limit's message and whether Run longer would help. */
export interface LimitAdvice {
  text: string;
  runLonger: boolean;
}

const count = (value: number) => value.toLocaleString('en-US');
const seconds = (ms: number) => `${Math.round(ms / 1000)} s`;

/** The engine limit behind an error, if it is one. */
export function engineLimit(error: ScenarioError): EngineLimit | undefined {
  if (!error.limit) return undefined;
  return /simulated ms \(maxSimMs\)/.test(error.message) ? 'simulated-time' : 'events';
}

/** Is this the larger budget already? */
function isLong(budget: RunBudget): boolean {
  return budget.maxEvents >= longBudget.maxEvents;
}

/** What to say when a run hit an engine limit under `budget`. */
export function engineLimitAdvice(error: ScenarioError, budget: RunBudget): LimitAdvice | undefined {
  const limit = engineLimit(error);
  if (!limit) return undefined;
  // The engine's words, without its advice to change options the reader cannot reach here.
  const said = error.message.replace(/\s*\((raise maxEvents|maxSimMs)[^)]*\)/g, '');
  if (limit === 'simulated-time') {
    return { text: `${said}. The simulator ends every run there, whatever the budget: simulate less time (shorter sleeps, timeouts or loops).`, runLonger: false };
  }
  if (isLong(budget)) {
    return { text: `${said}. That is the playground's largest budget (${count(budget.maxEvents)} simulator events): make the scenario smaller, or run it with the command line (gilsim run --max-events).`, runLonger: false };
  }
  return { text: `${said}. The playground stops each run after ${count(budget.maxEvents)} simulator events; Run longer allows ${count(longBudget.maxEvents)}.`, runLonger: true };
}

/** What to say when the runner's wall clock ended a run under `budget`. */
export function wallClockAdvice(afterMs: number, budget: RunBudget): LimitAdvice {
  if (isLong(budget) || budget.wallMs >= longBudget.wallMs) {
    return { text: `Stopped after ${seconds(afterMs)} of real time, the longest the playground runs a scenario: make it smaller, or run it with the command line (gilsim run --timeout). The page is fine.`, runLonger: false };
  }
  return { text: `Stopped after ${seconds(afterMs)}: the scenario ran too long (an endless loop?). The page is fine; edit and Run again, or Run longer (up to ${seconds(longBudget.wallMs)}).`, runLonger: true };
}

/** Status while a long run goes on: how long so far, out of how long at most. */
export function longRunStatus(elapsedMs: number, budget: RunBudget = longBudget): string {
  return `Running longer (up to ${count(budget.maxEvents)} events)… ${seconds(elapsedMs)} of at most ${seconds(budget.wallMs)}. Stop ends it.`;
}

/**
 * The status line during a run: the runner's steps ("Running X (1 of 2)…") as they
 * come, and during a long run, each second, how long it has run out of its budget
 * (the runner reports no finer progress).
 */
export class RunProgress {
  #show: (text: string) => void;
  #step = '';
  #long: { started: number; budget: RunBudget; timer: ReturnType<typeof setInterval> } | undefined;

  constructor(show: (text: string) => void) {
    this.#show = show;
  }

  /** A step the runner reported. */
  step(text: string): void {
    this.#step = text;
    if (this.#long) this.#tick();
    else this.#show(text);
  }

  /** A long run starts now: count its seconds until `end`. */
  startLong(budget: RunBudget): void {
    this.end();
    this.#step = '';
    this.#long = { started: performance.now(), budget, timer: setInterval(() => this.#tick(), 1000) };
    this.#tick();
  }

  end(): void {
    if (this.#long) clearInterval(this.#long.timer);
    this.#long = undefined;
  }

  #tick(): void {
    if (!this.#long) return;
    this.#show(`${this.#step ? `${this.#step} ` : ''}${longRunStatus(performance.now() - this.#long.started, this.#long.budget)}`);
  }
}
