/**
 * Scenario builders for tests: the phenomena the chapters show, at sizes that
 * match the measurements they are compared with (count(2·10^7) is 1.8·10^8
 * bytecodes: 9 per loop turn).
 */
import { defineScenario, py, io, sleep, native, spawn, spawnProcess, join, type Scenario, type TaskHandle, type StartMethod } from 'gilsim';

/** `threads` threads sharing `totalBytecodes` of pure-Python work. */
export function cpuThreads(threads: number, totalBytecodes: number): Scenario {
  return defineScenario({
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < threads; index++) {
        handles.push(yield spawn(`cpu-${index}`, function* () { yield py(totalBytecodes / threads); }));
      }
      for (const handle of handles) yield join(handle);
    },
  });
}

/** One thread doing all the work: the baseline. */
export function sequential(totalBytecodes: number): Scenario {
  return defineScenario({ *main() { yield py(totalBytecodes); } });
}

/** The measured I/O loop (`time.sleep(0.0001)` then a 20-step loop, `turns` times), optionally beside `spinners` CPU-bound threads. */
export function ioLoop(spinners: number, turns = 200, sleepMs = 0.1, bytecodes = 180): Scenario {
  return defineScenario({
    *main() {
      let busy = true;
      const spinning: TaskHandle[] = [];
      for (let index = 0; index < spinners; index++) {
        spinning.push(yield spawn(`spin-${index}`, function* () { while (busy) yield py(1_000_000); }));
      }
      const worker = yield spawn('io', function* () {
        for (let turn = 0; turn < turns; turn++) {
          yield sleep(sleepMs);
          yield py(bytecodes);
        }
      });
      yield join(worker);
      busy = false;
      for (const handle of spinning) yield join(handle);
    },
  });
}

/** `threads` threads each running `ms` of C code that releases (or holds) the GIL. */
export function nativeThreads(threads: number, ms: number, releasesGil: boolean): Scenario {
  return defineScenario({
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < threads; index++) {
        handles.push(yield spawn(`c-${index}`, function* () { yield native(ms, { releasesGil }); }));
      }
      for (const handle of handles) yield join(handle);
    },
  });
}

/** `processes` processes sharing `totalBytecodes`. */
export function cpuProcesses(processes: number, totalBytecodes: number, startMethod: StartMethod): Scenario {
  return defineScenario({
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < processes; index++) {
        handles.push(yield spawnProcess(`proc-${index}`, function* () { yield py(totalBytecodes / processes); }, { startMethod }));
      }
      for (const handle of handles) yield join(handle);
    },
  });
}

/** Duration of the thread named `name`. */
export function lifetime(result: { metrics: { threads: { name: string; startMs: number; endMs: number }[] } }, name: string): number {
  const thread = result.metrics.threads.find((entry) => entry.name === name);
  if (!thread) throw new Error(`no thread ${name}`);
  return thread.endMs - thread.startMs;
}

export { io };
