// David Beazley's old-GIL measurements: count(100000000) run twice in one
// thread vs in two threads, on his Macs (Python 2.6: the old GIL, a check every
// 100 ticks; on OS X the lock is a mutex + condition variable). Sizes are scaled
// down 50× (the slowdown ratio does not depend on the count); the bytecode cost
// is set so one count() takes what it took on his machine.
import { cpuThreads, sequential, type Setup } from './build';

/** count(n) is 9 bytecodes a turn. */
const COUNT = 2e6 * 9;

// 2009, dual-core MacBook: 24.6 s for 2 × count(10^8) ⇒ 24.6e9 / 1.8e9 = 13.7 ns a bytecode.
const macBook2009: Setup = { runtime: 'cpython-2.7', platform: 'macos', cpus: 2, bytecodeNs: 13.7 };
export const beazley2009Sequential = sequential(macBook2009, 2 * COUNT);
export const beazley2009Threads = cpuThreads(macBook2009, 2, 2 * COUNT);
export const beazley2009OneCpuThreads = cpuThreads({ ...macBook2009, cpus: 1 }, 2, 2 * COUNT);
export const beazley2009OneCpuSequential = sequential({ ...macBook2009, cpus: 1 }, 2 * COUNT);

// 2010, 4-core Mac Pro: 7.8 s for 2 × count(10^8) ⇒ 4.33 ns a bytecode.
const macPro2010: Setup = { runtime: 'cpython-2.7', platform: 'macos', cpus: 4, bytecodeNs: 4.33 };
export const beazley2010Sequential = sequential(macPro2010, 2 * COUNT);
export const beazley2010TwoThreads = cpuThreads(macPro2010, 2, 2 * COUNT);
export const beazley2010FourThreads = cpuThreads(macPro2010, 4, 2 * COUNT);
export const beazley2010OneCpuSequential = sequential({ ...macPro2010, cpus: 1 }, 2 * COUNT);
export const beazley2010OneCpuTwoThreads = cpuThreads({ ...macPro2010, cpus: 1 }, 2, 2 * COUNT);
export const beazley2010OneCpuFourThreads = cpuThreads({ ...macPro2010, cpus: 1 }, 4, 2 * COUNT);

export default beazley2010TwoThreads;
