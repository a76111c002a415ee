// Free-threaded CPython (PEP 703) and subinterpreters: per-thread overheads and
// scaling as published. CPU-bound pure Python, independent per thread.
import { py } from 'gilsim';
import { cpuThreads, interpreters, sequential, startAll, type Setup } from './build';

const WORK = 5e7;

// Single-thread cost of the free-threaded build: "about 40%" (3.13 HOWTO), "8% on
// x86-64 Linux" (3.14 HOWTO) [P sources:free-threading-howto-313, sources:free-threading-howto-314].
// The same thread on the default build and on the t build.
export const oneThread313 = sequential({ runtime: 'cpython-3.13', cpus: 2 }, WORK);
export const oneThread313t = sequential({ runtime: 'cpython-3.13t', cpus: 2 }, WORK);
export const oneThread314 = sequential({ runtime: 'cpython-3.14', cpus: 2 }, WORK);
export const oneThread314t = sequential({ runtime: 'cpython-3.14t', cpus: 2 }, WORK);

// nogil (Sam Gross, 2021), fib(34) on a 20-core Xeon: 1 thread 1.50 s; 20 threads
// each doing the same work 1.52 s [P sources:nogil-2021]. The nogil prototype is closest to 3.14t here.
const xeon: Setup = { runtime: 'cpython-3.14t', cpus: 20 };
export const fibOneThread = startAll(xeon, 1, 'fib', function* () { yield py(WORK); });
export const fibTwentyThreads = startAll(xeon, 20, 'fib', function* () { yield py(WORK); });

// 3.13b1 (gh-118749): CPU-bound threads 2.4 s free-threaded vs 8.2 s with the GIL [P sources:cpython-gh-118749].
// The thread count and machine are not in our sources: 4 threads on 8 CPUs assumed [U].
export const threads313b1Default = cpuThreads({ runtime: 'cpython-3.13', cpus: 8 }, 4, 4 * WORK);
export const threads313b1FreeThreaded = cpuThreads({ runtime: 'cpython-3.13t', cpus: 8 }, 4, 4 * WORK);

// 3.14 on a 32-core Ryzen 9 5950X, 4 workers (loremipsumpy benchmark): sequential,
// threads and subinterpreters on the GIL build; sequential and threads on 3.14t [S sources:loremipsum-314].
const ryzen314: Setup = { runtime: 'cpython-3.14', cpus: 32 };
const ryzen314t: Setup = { runtime: 'cpython-3.14t', cpus: 32 };
const JOB = 5e7;
export const ryzenSequential314 = sequential(ryzen314, 4 * JOB);
export const ryzenThreads314 = cpuThreads(ryzen314, 4, 4 * JOB);
export const ryzenInterpreters314 = interpreters(ryzen314, 4, function* () { yield py(JOB); });
export const ryzenSequential314t = sequential(ryzen314t, 4 * JOB);
export const ryzenThreads314t = cpuThreads(ryzen314t, 4, 4 * JOB);

export default fibTwentyThreads;
