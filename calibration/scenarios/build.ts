/**
 * Builders for the scenarios that reproduce published figures
 * (calibration/published.json). Each takes the machine and runtime of the
 * source as `setup`, so one shape serves Beazley's Mac, Skvortsov's MacBook,
 * ccbench on Linux and this project's VM.
 */
import {
  defineScenario, join, native, py, sleep, io, spawn, spawnInterpreter, spawnProcess,
  type Operation, type Scenario, type ScenarioConfig, type StartMethod, type TaskHandle,
} from 'gilsim';

/** The machine and runtime a figure was measured on. */
export type Setup = Omit<ScenarioConfig, 'main'>;

type Body = () => Generator<Operation, void, any>;

/** `threads` threads sharing `total` bytecodes of pure Python equally. */
export function cpuThreads(setup: Setup, threads: number, total: number): Scenario {
  return startAll(setup, threads, 'worker', function* () { yield py(total / threads); });
}

/** One thread (the main thread) doing `total` bytecodes: the baseline. */
export function sequential(setup: Setup, total: number): Scenario {
  return defineScenario({ ...setup, *main() { yield py(total); } });
}

/** `count` threads running `body`, started together and joined in order. */
export function startAll(setup: Setup, count: number, name: string, body: Body): Scenario {
  return defineScenario({
    ...setup,
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < count; index++) handles.push(yield* spawn(`${name}-${index}`, body));
      for (const handle of handles) yield* join(handle);
    },
  });
}

/** `count` processes running `body` (own interpreter and GIL each). */
export function processes(setup: Setup, count: number, method: StartMethod, body: Body): Scenario {
  return defineScenario({
    ...setup,
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < count; index++) handles.push(yield* spawnProcess(`proc-${index}`, body, { startMethod: method }));
      for (const handle of handles) yield* join(handle);
    },
  });
}

/** `count` subinterpreters running `body` (own GIL each from 3.12). */
export function interpreters(setup: Setup, count: number, body: Body): Scenario {
  return defineScenario({
    ...setup,
    *main() {
      const handles: TaskHandle[] = [];
      for (let index = 0; index < count; index++) handles.push(yield* spawnInterpreter(`interp-${index}`, body));
      for (const handle of handles) yield* join(handle);
    },
  });
}

/** The main thread runs `body` `times` times in a row. */
export function repeatInMain(setup: Setup, times: number, body: Body): Scenario {
  return defineScenario({ ...setup, *main() { for (let index = 0; index < times; index++) yield* body(); } });
}

/**
 * A thread named `worker` runs `body` while `spinners` threads spin in pure Python
 * (`spin` bytecodes at a time) until it is done. Compare its lifetime alone and beside them.
 */
export function besideSpinners(setup: Setup, spinners: number, body: Body, spin = 100_000): Scenario {
  return defineScenario({
    ...setup,
    *main() {
      let busy = true;
      const spinning: TaskHandle[] = [];
      for (let index = 0; index < spinners; index++) {
        spinning.push(yield* spawn(`spin-${index}`, function* () { while (busy) yield py(spin); }));
      }
      const worker = yield* spawn('worker', body);
      yield* join(worker);
      busy = false;
      for (const handle of spinning) yield* join(handle);
    },
  });
}

/** As `besideSpinners`, but the CPU-bound work is `spinMs` of Python in a separate process (its own GIL). */
export function besideSpinningProcess(setup: Setup, body: Body, spinMs: number): Scenario {
  const bytecodes = Math.round((spinMs * 1e6) / (setup.bytecodeNs ?? 3));
  return defineScenario({
    ...setup,
    *main() {
      const hog = yield* spawnProcess('spin-process', function* () { yield py(bytecodes); }, { startMethod: 'fork' });
      const worker = yield* spawn('worker', body);
      yield* join(worker);
      yield* join(hog);
    },
  });
}

/** An echo server: each request is a blocking recv, a little Python, and a send (which releases the GIL too). */
export function echoServer(requests: number, recvMs: number, handleBytecodes: number): Body {
  return function* server() {
    for (let request = 0; request < requests; request++) {
      yield io(recvMs); // recv blocks until the client's next message
      yield py(handleBytecodes);
      // send of one byte does not block: a syscall with the GIL released (~10 µs on
      // macOS [U]), long enough for a woken CPU-bound thread to take the GIL.
      yield native(0.01, { releasesGil: true });
    }
  };
}

/** An I/O loop: `turns` × (sleep, then a little Python). */
export function sleepLoop(turns: number, sleepMs: number, bytecodes: number): Body {
  return function* loop() {
    for (let turn = 0; turn < turns; turn++) {
      yield sleep(sleepMs);
      yield py(bytecodes);
    }
  };
}

/** C code in `chunks` calls of `ms` each. */
export function cChunks(chunks: number, ms: number, releasesGil: boolean): Body {
  return function* work() {
    for (let index = 0; index < chunks; index++) yield native(ms, { releasesGil });
  };
}
