/**
 * The chapters' own examples set against what was measured on real CPython: the
 * figures the prose quotes, recomputed from the simulator at build time so the
 * "How the simulator works" page can never quote a stale simulated number.
 *
 * Measured values are this project's own measurements on a 2-vCPU Linux KVM guest,
 * November 2026; docs/sources.md describes each (machine, date, how to repeat it)
 * under the key cited beside it here.
 */

import { runScenario, type RunOptions, type Scenario } from '../sim/index';
import oneThread from '../../content/two-cpus/one-thread';
import gilBattle from '../../content/two-cpus/gil-battle';
import processes from '../../content/two-cpus/processes';
import convoy from '../../content/when-a-thread-blocks/convoy';
import beazleyMacbook from '../../content/two-cpus/beazley-macbook';

/** One comparison: a simulated figure beside the measured range it should fall near. */
export interface ChapterFigure {
  /** What is compared, in a reader's words. */
  what: string;
  /** Scenario ids the simulated value comes from. */
  scenarios: string[];
  /** The simulated value, in `unit`. */
  simulated: number;
  /** The measured range on real CPython, in `unit`. */
  measured: [number, number];
  unit: '×' | 'ms';
  /** Where the measurement is described. */
  source: string;
}

/** Simulated wall time of one run, ms. */
export const wall = (scenario: Scenario, options: RunOptions): number => runScenario(scenario, options).metrics.wallMs;

/**
 * The two phases of convoy.ts, read off its logs: the 50 reads alone, then beside the
 * CPU-bound thread (ms); their ratio; and the time per read the CPU-bound thread adds.
 */
export function convoyPhases(runtime: RunOptions['runtime']): { aloneMs: number; besideMs: number; ratio: number; extraMs: number } {
  const lines = runScenario(convoy, { runtime, cpus: 2 }).trace.console;
  const end = (prefix: string) => {
    const line = lines.find((candidate) => candidate.text.startsWith(prefix));
    if (!line) throw new Error(`chapter-figures: convoy.ts no longer logs "${prefix}"`);
    return line.time;
  };
  const alone = end('50 reads alone');
  const beside = end('50 reads beside') - alone;
  return { aloneMs: alone, besideMs: beside, ratio: beside / alone, extraMs: (beside - alone) / 50 };
}

/** Threaded phase over sequential phase of a scenario that logs the end of each ("sequential: done", "two threads: done"). */
function phaseRatio(scenario: Scenario, options: RunOptions): number {
  const lines = runScenario(scenario, options).trace.console;
  const [sequential, threaded] = ['sequential', 'two threads'].map((prefix) => {
    const line = lines.find((candidate) => candidate.text.startsWith(prefix));
    if (!line) throw new Error(`chapter-figures: the scenario no longer logs "${prefix}"`);
    return line.time;
  });
  return (threaded - sequential) / sequential;
}

/** Every comparison, computed now (a few tens of milliseconds of simulation). */
export function chapterFigures(): ChapterFigure[] {
  const sequential27 = wall(oneThread, { runtime: 'cpython-2.7', cpus: 2 });
  const sequential312 = wall(oneThread, { runtime: 'cpython-3.12', cpus: 2 });
  const convoy27 = convoyPhases('cpython-2.7');
  const convoy312 = convoyPhases('cpython-3.12');
  return [
    // [U sources:beazley-2009]
    {
      what: "Beazley's countdown, two threads vs sequential, modelled MacBook, 2 CPUs",
      scenarios: ['two-cpus/beazley-macbook'],
      simulated: phaseRatio(beazleyMacbook, { machine: 'macbook-2009', cpus: 2 }),
      measured: [1.85, 1.85],
      unit: '×',
      source: 'Beazley 2009: 24.6 s sequential, 45.5 s in two threads (as transcribed from his slides)',
    },
    // [S sources:beazley-2010]
    {
      what: 'The same with one CPU',
      scenarios: ['two-cpus/beazley-macbook'],
      simulated: phaseRatio(beazleyMacbook, { machine: 'macbook-2009', cpus: 1 }),
      measured: [1.45, 1.45],
      unit: '×',
      source: 'Beazley 2010 (4-core Mac Pro): 7.8 s sequential, 11.3 s in two threads with one CPU enabled (as transcribed)',
    },
    // The next three: [M sources:m-gil-battle]
    {
      what: 'Two CPU-bound threads vs one thread doing both jobs, CPython 2.7, 2 CPUs',
      scenarios: ['two-cpus/gil-battle', 'two-cpus/one-thread'],
      simulated: wall(gilBattle, { runtime: 'cpython-2.7', cpus: 2 }) / sequential27,
      measured: [1.5, 1.61],
      unit: '×',
      source: 'count(2·10⁷) ×2, 2.7.18',
    },
    {
      what: 'The same on one CPU (taskset -c 0)',
      scenarios: ['two-cpus/gil-battle', 'two-cpus/one-thread'],
      simulated: wall(gilBattle, { runtime: 'cpython-2.7', cpus: 1 }) / sequential27,
      measured: [0.99, 1.0],
      unit: '×',
      source: 'same, pinned',
    },
    {
      what: 'Two CPU-bound threads vs one thread doing both jobs, CPython 3.12, 2 CPUs',
      scenarios: ['two-cpus/gil-battle', 'two-cpus/one-thread'],
      simulated: wall(gilBattle, { runtime: 'cpython-3.12', cpus: 2 }) / sequential312,
      measured: [1.0, 1.06],
      unit: '×',
      source: 'count(2·10⁷) ×2, 3.12.1',
    },
    // [M sources:m-processes]
    {
      what: 'Two processes (fork) vs one thread doing both jobs, CPython 3.12, 2 CPUs',
      scenarios: ['two-cpus/processes'],
      // At the measured size: count(2·10⁷) is 1.8·10⁸ bytecodes (9 a turn).
      simulated: wall(processes, { runtime: 'cpython-3.12', cpus: 2, knobs: { work: 180_000_000 } })
        / wall(processes, { runtime: 'cpython-3.12', cpus: 2, knobs: { work: 180_000_000, how: 'sequential' } }),
      measured: [0.52, 0.52],
      unit: '×',
      source: 'count(2·10⁷) in 2 processes, fork',
    },
    // This and the next: [M sources:m-convoy]
    {
      what: 'An I/O loop beside a CPU-bound thread vs alone, CPython 2.7, 2 CPUs',
      scenarios: ['when-a-thread-blocks/convoy'],
      simulated: convoy27.ratio,
      measured: [1.2, 1.2],
      unit: '×',
      source: '200 × (sleep(0.0001) + a short loop) beside a spinning thread; the simulated loop reads 100 µs',
    },
    {
      what: 'Time each blocking call loses to a CPU-bound thread, CPython 3.12, 2 CPUs',
      scenarios: ['when-a-thread-blocks/convoy'],
      simulated: convoy312.extraMs,
      measured: [5.2, 5.2],
      unit: 'ms',
      source: 'same loop: about 5.4 ms per iteration beside the spinner, of which ~0.18 ms is the sleep itself',
    },
  ];
}

/** "1.53×" or "5.1 ms". */
export function formatFigure(value: number, unit: ChapterFigure['unit']): string {
  return unit === '×' ? `${value.toFixed(2)}×` : `${value.toFixed(1)} ms`;
}

/** "1.50–1.61×", or a single value when the range is one point. */
export function formatRange([low, high]: [number, number], unit: ChapterFigure['unit']): string {
  return low === high ? formatFigure(low, unit) : `${formatFigure(low, unit).replace(/[×]|\sms$/, '')}–${formatFigure(high, unit)}`;
}
