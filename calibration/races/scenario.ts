/**
 * The race of `measure.py` as a scenario: `threads` threads each adding one to a
 * global `times` times [M sources:m-races]. `npm run calibrate` exports it and runs it
 * on every pyenv interpreter (scripts/calibrate/races.ts); the phenomenon, export and
 * timeline tests use it too.
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
