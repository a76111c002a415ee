// Tools/ccbench/ccbench.py [P sources:cpython-ccbench] as Sam Gross ran it on CPython
// 3.11.0a1+, x86-64 Linux [P sources:ccbench-gross-2021]. Throughput (TimedLoop): one
// thread runs the task back to back; with 2+ threads each runs steps of 20
// iterations (≥ 10 ms) followed by time.sleep(0.0001); speed is compared with one
// thread. Latency: a ping every 100 ms received by the main thread while CPU-bound
// threads run the task without sleeping. The machine's core count is not in the
// gist: 8 CPUs assumed [U].
import { defineScenario, io, join, native, py, sleep, spawn, type TaskHandle } from 'gilsim';
import { startAll, type Setup } from './build';

const linux: Setup = { runtime: 'cpython-3.11', cpus: 8 };
const ITERATIONS = 240;
/** TimedLoop's step: 20 iterations, which already take ≥ 10 ms for these tasks. */
const STEP = 20;

// Pi calculation (Python): 1576 iterations/s in one thread ⇒ 0.635 ms ⇒ 219,000 bytecodes at 2.9 ns.
const piIteration = () => py(219_000);
// Regular expression (C, holds the GIL): 518 iterations/s ⇒ 1.93 ms of C code.
const regexIteration = () => native(1.93, { releasesGil: false });
// bz2 compression (C, releases the GIL): 559 iterations/s ⇒ 1.79 ms.
const bz2Iteration = () => native(1.79, { releasesGil: true });

/** `threads` threads sharing ITERATIONS of the task the way TimedLoop runs them. */
function throughput(threads: number, iteration: () => ReturnType<typeof py> | ReturnType<typeof native>) {
  if (threads === 1) {
    return defineScenario({ ...linux, *main() { for (let index = 0; index < ITERATIONS; index++) yield iteration(); } });
  }
  const steps = ITERATIONS / threads / STEP;
  return startAll(linux, threads, 'task', function* () {
    for (let step = 0; step < steps; step++) {
      for (let index = 0; index < STEP; index++) yield iteration();
      yield sleep(0.1); // "force thread switching ourselves"
    }
  });
}

export const piOneThread = throughput(1, piIteration);
export const piTwoThreads = throughput(2, piIteration);
export const piFourThreads = throughput(4, piIteration);
export const regexOneThread = throughput(1, regexIteration);
export const regexTwoThreads = throughput(2, regexIteration);
export const regexFourThreads = throughput(4, regexIteration);
export const bz2OneThread = throughput(1, bz2Iteration);
export const bz2TwoThreads = throughput(2, bz2Iteration);
export const bz2ThreeThreads = throughput(3, bz2Iteration);
export const bz2FourThreads = throughput(4, bz2Iteration);

/** 20 pings 100 ms apart, received by the main thread beside `background` threads running Pi. */
export function latency(background: number) {
  return defineScenario({
    ...linux,
    title: `ccbench latency, ${background} background CPU thread${background === 1 ? '' : 's'}`,
    *main() {
      let busy = true;
      const spinning: TaskHandle[] = [];
      for (let index = 0; index < background; index++) {
        spinning.push(yield* spawn(`pi-${index}`, function* () { while (busy) yield piIteration(); }));
      }
      for (let ping = 0; ping < 20; ping++) {
        yield io(100);      // recvfrom(): the next ping arrives
        yield py(2_000);    // time.time(), unpack, compute the latency
      }
      busy = false;
      for (const handle of spinning) yield* join(handle);
    },
  });
}

export const latencyOneThread = latency(1);
export const latencyTwoThreads = latency(2);
export const latencyThreeThreads = latency(3);
export const latencyFourThreads = latency(4);

export default latencyTwoThreads;
