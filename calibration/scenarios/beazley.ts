// David Beazley's old-GIL measurements [U sources:beazley-2009] [S sources:beazley-2010]:
// count(100000000) run twice in one thread vs in two threads, on his Macs (Python
// 2.6: the old GIL, a check every 100 ticks; on OS X the lock is a mutex +
// condition variable). Both use the
// simulator's "macbook-2009" machine profile (macOS lock costs); the 2010 Mac Pro
// gets its own CPU count. Sizes are scaled down 50× (the slowdown ratio does not
// depend on the count).
import { cpuThreads, sequential, type Setup } from './build';

/** count(n) is 9 bytecodes a turn. */
const COUNT = 2e6 * 9;

// 2009, dual-core MacBook: 24.6 s for 2 × count(10^8) ⇒ 13.7 ns a bytecode (the profile's value).
const macBook2009: Setup = { runtime: 'cpython-2.7', machine: 'macbook-2009', cpus: 2 };
export const beazley2009Sequential = sequential(macBook2009, 2 * COUNT);
export const beazley2009Threads = cpuThreads(macBook2009, 2, 2 * COUNT);
export const beazley2009OneCpuThreads = cpuThreads({ ...macBook2009, cpus: 1 }, 2, 2 * COUNT);
export const beazley2009OneCpuSequential = sequential({ ...macBook2009, cpus: 1 }, 2 * COUNT);

// 2010, 4-core Mac Pro: 7.8 s for 2 × count(10^8), i.e. 4.33 ns a bytecode. The profile's
// lock costs are fitted relative to the MacBook's 13.7 ns, so the Mac Pro keeps that cost:
// with its own 4.33 ns and the same absolute costs the model gives 4.0× instead of ~2×
// (a faster machine also signals faster; the profile does not scale its costs).
const macPro2010: Setup = { runtime: 'cpython-2.7', machine: 'macbook-2009', cpus: 4 };
export const beazley2010Sequential = sequential(macPro2010, 2 * COUNT);
export const beazley2010TwoThreads = cpuThreads(macPro2010, 2, 2 * COUNT);
export const beazley2010FourThreads = cpuThreads(macPro2010, 4, 2 * COUNT);
export const beazley2010OneCpuSequential = sequential({ ...macPro2010, cpus: 1 }, 2 * COUNT);
export const beazley2010OneCpuTwoThreads = cpuThreads({ ...macPro2010, cpus: 1 }, 2, 2 * COUNT);
export const beazley2010OneCpuFourThreads = cpuThreads({ ...macPro2010, cpus: 1 }, 4, 2 * COUNT);

export default beazley2010TwoThreads;
