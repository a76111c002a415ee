// Ratios measured on this project's machine kind (2-vCPU KVM guest, pyenv builds,
// 2026-11), each described under the key cited beside it in docs/sources.md.
// count(2·10^7) is 1.8·10^8 bytecodes.
import { besideSpinners, cChunks, cpuThreads, processes, repeatInMain, sequential, sleepLoop, startAll, type Setup } from './build';
import { py } from 'gilsim';
import { latency } from './ccbench';

const COUNT = 1.8e8;
const vm27: Setup = { runtime: 'cpython-2.7', cpus: 2 };
const vm312: Setup = { runtime: 'cpython-3.12', cpus: 2 };

// [M sources:m-gil-battle]

export const old2CpuThreads = cpuThreads(vm27, 2, 2 * COUNT);
export const old2CpuSequential = sequential(vm27, 2 * COUNT);
export const old1CpuThreads = cpuThreads({ ...vm27, cpus: 1 }, 2, 2 * COUNT);
export const old1CpuSequential = sequential({ ...vm27, cpus: 1 }, 2 * COUNT);
export const new2CpuThreads = cpuThreads(vm312, 2, 2 * COUNT);
export const new2CpuSequential = sequential(vm312, 2 * COUNT);

// 200 × (time.sleep(0.0001) + a 20-step loop) [M sources:m-convoy]. The sleep is what the program asked
// for; that it really lasts ~0.18 ms here is the simulator's timer slack to model.
const ioLoop = sleepLoop(200, 0.1, 180);
export const oldIoAlone = besideSpinners(vm27, 0, ioLoop, 1_000_000);
export const oldIoBesideSpinner = besideSpinners(vm27, 1, ioLoop, 1_000_000);
export const newIoAlone = besideSpinners(vm312, 0, ioLoop, 1_000_000);
export const newIoBesideSpinner = besideSpinners(vm312, 1, ioLoop, 1_000_000);

// 2 threads each hashing 64 MB (~40 ms here) vs one thread hashing both [M sources:m-c-code].
export const hashTwoThreads = startAll(vm312, 2, 'hasher', cChunks(1, 40, true));
export const hashSequential = repeatInMain(vm312, 2, cChunks(1, 40, true));
// 2 threads each running a backtracking regex (holds the GIL) vs one after the other.
export const regexTwoThreads = startAll(vm312, 2, 'regex', cChunks(1, 200, false));
export const regexSequential = repeatInMain(vm312, 2, cChunks(1, 200, false));

// count(2·10^7) in 2 processes vs twice in one thread [M sources:m-processes].
export const forkProcesses = processes(vm312, 2, 'fork', function* () { yield py(COUNT); });
export const spawnProcesses = processes(vm312, 2, 'spawn', function* () { yield py(COUNT); });

// Ping latency beside one CPU-bound thread (the ccbench method, re-implemented) [M sources:m-ccbench-latency].
export const latencyBesideOneThread = latency(1);
export const latencyBesideOneThread312 = { ...latency(1), runtime: 'cpython-3.12' as const, cpus: 2 };

export default newIoBesideSpinner;
