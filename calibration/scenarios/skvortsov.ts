// Victor Skvortsov's measurements [P sources:skvortsov-2021] (2021, CPython 3.9, 2-core
// MacBook Pro with hyper-threading: 4 logical CPUs). Code: github.com/r4victor/pbts13_gil.
// countdown: 10^8 decrements split across threads took 6.52 s alone ⇒ 65 ns a
// turn of 9 bytecodes ⇒ 7.2 ns a bytecode. Sizes are scaled down (10^7 or 2·10^6
// decrements); the ratios do not depend on them.
import { defineScenario } from 'gilsim';
import { besideSpinners, besideSpinningProcess, cChunks, cpuThreads, echoServer, sequential, startAll, type Setup } from './build';

const macBook: Setup = { runtime: 'cpython-3.9', machine: 'macbook-2021' };
const COUNTDOWN = 1e7 * 9;

export const countdownOneThread = sequential(macBook, COUNTDOWN);
export const countdownTwoThreads = cpuThreads(macBook, 2, COUNTDOWN);
export const countdownFourThreads = cpuThreads(macBook, 4, COUNTDOWN);
export const countdownEightThreads = cpuThreads(macBook, 8, COUNTDOWN);

// countdown vs switch interval: 2 threads at 0.1 ms and 10 µs (fewer decrements: many switches).
const SHORT = 2e6 * 9;
export const countdownShortOneThread = sequential(macBook, SHORT);
export const countdownTwoThreads100us = cpuThreads({ ...macBook, switchIntervalMs: 0.1 }, 2, SHORT);
export const countdownOneThread100us = sequential({ ...macBook, switchIntervalMs: 0.1 }, SHORT);
export const countdownTwoThreads10us = cpuThreads({ ...macBook, switchIntervalMs: 0.01 }, 2, SHORT);
export const countdownOneThread10us = sequential({ ...macBook, switchIntervalMs: 0.01 }, SHORT);

// hashlib.sha256 over 8 × 128 MB split across threads: 3.30 s in one thread ⇒ 412 ms per
// 128 MB. Two physical cores: hyper-threading is not modelled, so cpus = 2.
const hashing: Setup = { ...macBook, cpus: 2 };
export const hashOneThread = startAll(hashing, 1, 'hasher', cChunks(8, 412.5, true));
export const hashTwoThreads = startAll(hashing, 2, 'hasher', cChunks(4, 412.5, true));
export const hashFourThreads = startAll(hashing, 4, 'hasher', cChunks(2, 412.5, true));

// Echo server, 1-byte messages, ~30k requests/s alone: each request is a blocking recv
// (the client's round trip), a little Python, and a send that also releases the GIL.
const REQUESTS = 40;
const server = echoServer(REQUESTS, 0.025, 300);
export const echoAlone = besideSpinners(macBook, 0, server);
export const echoBesideCpuThread = besideSpinners(macBook, 1, server);
export const echoBesideCpuThread1ms = besideSpinners({ ...macBook, switchIntervalMs: 1 }, 1, server);
export const echoAlone1ms = besideSpinners({ ...macBook, switchIntervalMs: 1 }, 0, server);
export const echoBesideCpuThread100us = besideSpinners({ ...macBook, switchIntervalMs: 0.1 }, 1, echoServer(400, 0.025, 300));
export const echoAlone100us = besideSpinners({ ...macBook, switchIntervalMs: 0.1 }, 0, echoServer(400, 0.025, 300));
export const echoBesideProcess = besideSpinningProcess(macBook, echoServer(400, 0.025, 300), 50);
export const echoAloneMany = besideSpinners(macBook, 0, echoServer(400, 0.025, 300));
// Pinned to one core: 24k requests/s alone, 12k beside one CPU-bound thread.
export const echoPinnedAlone = besideSpinners({ ...macBook, cpus: 1 }, 0, echoServer(400, 0.025, 300));
export const echoPinnedBesideCpuThread = besideSpinners({ ...macBook, cpus: 1 }, 1, echoServer(400, 0.025, 300));

export default defineScenario({ ...echoBesideCpuThread, title: 'Echo server beside a CPU-bound thread (Skvortsov 2021)' });
