/**
 * The race the chapter "Is my code thread-safe?" measures: `threads` threads each
 * adding one to a global `times` times (`calibration/races/measure.py`).
 */
import { defineScenario, increment, join, Lock, Shared, spawn, type RuntimeName, type Scenario, type TaskHandle } from 'gilsim';

export interface RaceOptions {
  threads?: number;
  times: number;
  via?: 'inline' | 'call';
  runtime?: RuntimeName;
  cpus?: number;
  seed?: number;
  locked?: boolean;
}

export function race({ threads = 2, times, via = 'inline', runtime, cpus = 2, seed, locked = false }: RaceOptions): Scenario {
  return defineScenario({
    runtime, cpus, seed,
    *main() {
      const counter = new Shared('counter', 0);
      const lock = locked ? new Lock('lock') : undefined;
      const handles: TaskHandle[] = [];
      for (let index = 0; index < threads; index++) {
        handles.push(yield* spawn(`adder-${index}`, function* () { yield increment(counter, { times, via, lock }); }));
      }
      for (const handle of handles) yield* join(handle);
    },
  });
}
