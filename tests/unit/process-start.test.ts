/**
 * Starting processes: every start costs `processStartMs` for its method, and the run's
 * first start with a method also pays `firstProcessStartMs` (multiprocessing's one-time
 * set-up, forkserver's server), as measured (`m-first-process-start` in docs/sources.md).
 */
import { describe, expect, test } from 'vitest';
import { defineScenario, join, presetParams, py, runScenario, spawnProcess, type RunOptions, type StartMethod, type TaskHandle } from 'gilsim';

/** Start `methods.length` processes one after the other, each waiting for the last; children do a little work. */
function startsInTurn(methods: readonly StartMethod[]) {
  return defineScenario({
    *main() {
      for (const [index, startMethod] of methods.entries()) {
        const child: TaskHandle = yield spawnProcess(`child-${index}`, function* () { yield py(1_000); }, { startMethod });
        yield join(child);
      }
    },
  });
}

/** The run's wall time with the presets' first-start cost, less the same run without it, ms. */
function firstStartShare(methods: readonly StartMethod[], options: RunOptions): number {
  const wall = (extra: RunOptions) => runScenario(startsInTurn(methods), { ...options, ...extra }).metrics.wallMs;
  return wall({}) - wall({ firstProcessStartMs: { fork: 0, forkserver: 0, spawn: 0 } });
}

describe('process start cost', () => {
  const options = { runtime: 'cpython-3.12', cpus: 2 } as const;
  const { processStartMs, firstProcessStartMs } = presetParams('cpython-3.12');

  test('only the first fork pays the one-time set-up', () => {
    expect(firstStartShare(['fork'], options)).toBeCloseTo(firstProcessStartMs.fork, 1);
    expect(firstStartShare(['fork', 'fork', 'fork'], options)).toBeCloseTo(firstProcessStartMs.fork, 1);
  });

  test('each start method pays its own first start (forkserver starts its server once)', () => {
    expect(firstStartShare(['fork', 'forkserver', 'forkserver'], options)).toBeCloseTo(firstProcessStartMs.fork + firstProcessStartMs.forkserver, 1);
    // Later starts still cost processStartMs each.
    const later = runScenario(startsInTurn(['fork', 'fork']), options).metrics.wallMs - runScenario(startsInTurn(['fork']), options).metrics.wallMs;
    expect(later).toBeGreaterThanOrEqual(processStartMs.fork);
    expect(later).toBeLessThan(processStartMs.fork + firstProcessStartMs.fork);
  });

  test('2.7 has a smaller one-time cost (fewer modules to import)', () => {
    const old = presetParams('cpython-2.7').firstProcessStartMs.fork;
    expect(old).toBeLessThan(firstProcessStartMs.fork);
    expect(firstStartShare(['fork'], { runtime: 'cpython-2.7', cpus: 2 })).toBeCloseTo(old, 1);
  });

  test('the one-time set-up runs in the parent: the second process starts only after it', () => {
    const twoAtOnce = defineScenario({
      *main() {
        const first: TaskHandle = yield spawnProcess('first', function* () { yield py(1_000); });
        const second: TaskHandle = yield spawnProcess('second', function* () { yield py(1_000); });
        yield join(first);
        yield join(second);
      },
    });
    const { threads } = runScenario(twoAtOnce, options).metrics;
    const main = threads.find((thread) => thread.name === 'main')!;
    const second = threads.find((thread) => thread.name === 'second')!;
    expect(main.cpuMs).toBeGreaterThanOrEqual(firstProcessStartMs.fork);
    expect(second.startMs).toBeGreaterThanOrEqual(firstProcessStartMs.fork);
  });

  test('a negative first start cost is refused', () => {
    expect(() => runScenario(startsInTurn(['fork']), { ...options, firstProcessStartMs: { fork: -1, forkserver: 0, spawn: 0 } })).toThrow(/firstProcessStartMs\.fork must be a number >= 0/);
  });
});
