/**
 * The shape of a run result as the page accepts it from the runner: every field the
 * views, downloads and exports read, with its type (finite numbers, whole ids, known
 * states). The runner executes the reader's code, so its reply is checked like any
 * other untrusted input before the page draws it. Pure.
 */
import { gilCauses, threadStates, type ConsoleLine, type CpuInterval, type GilInterval, type LatencySummary, type Metrics, type RunResult, type SharedResult, type StateInterval, type ThreadMetrics, type Trace, type TraceEvent, type TraceEventKind, type TraceThread } from '../../sim/result';
import type { ScenarioError, VariantOutcome } from '../protocol';
import { either, finiteNumber, flag, listOf, object, oneOf, optional, text, textUpTo, wholeIn, wholeNumber, type Shape } from './shape';

/** Keys of a record written out in full, so a new member of the union is a compile error here until listed. */
const keysOf = <K extends string>(all: Record<K, true>) => Object.keys(all) as K[];

const threadKinds = keysOf<TraceThread['kind']>({ main: true, thread: true, process: true, interpreter: true });
const eventKinds = keysOf<TraceEventKind>({
  acquire: true, release: true, 'drop-request': true, 'failed-acquire': true, handoff: true, 'io-done': true, 'lost-update': true, spawn: true, exit: true,
});

/** The simulator refuses more (see `validateParams` in src/sim/params.ts); the timeline draws one lane per CPU. */
const cpuCount = wholeIn(1, 64);

const traceThread = object<TraceThread>({
  id: wholeNumber, name: text, interpreter: wholeNumber, process: wholeNumber, kind: oneOf(threadKinds), startMs: finiteNumber, endMs: finiteNumber,
});
const stateInterval = object<StateInterval>({
  thread: wholeNumber, state: oneOf(threadStates), start: finiteNumber, end: finiteNumber, line: optional(wholeNumber),
});
const cpuInterval = object<CpuInterval>({ cpu: wholeNumber, thread: wholeNumber, start: finiteNumber, end: finiteNumber });
const gilInterval = object<GilInterval>({ interpreter: wholeNumber, thread: wholeNumber, start: finiteNumber, end: finiteNumber });
const traceEvent = object<TraceEvent>({
  time: finiteNumber, kind: oneOf(eventKinds), thread: wholeNumber, interpreter: optional(wholeNumber),
  cause: optional(oneOf(gilCauses)), other: optional(wholeNumber),
});
const consoleLine = object<ConsoleLine>({ time: finiteNumber, thread: wholeNumber, text });

const trace = object<Trace>({
  endMs: finiteNumber,
  cpus: cpuCount,
  threads: listOf(traceThread),
  interpreters: listOf(object<Trace['interpreters'][number]>({ id: wholeNumber, name: text, process: wholeNumber, hasGil: flag })),
  intervals: listOf(stateInterval),
  cpu: listOf(cpuInterval),
  gil: listOf(gilInterval),
  events: listOf(traceEvent),
  eventsDropped: wholeNumber,
  console: listOf(consoleLine),
  threadsOnly: optional(flag),
});

const threadMetrics = object<ThreadMetrics>({
  name: text, kind: oneOf(threadKinds), cpuMs: finiteNumber, pythonMs: finiteNumber, nativeMs: finiteNumber, gilWaitMs: finiteNumber,
  cpuWaitMs: finiteNumber, blockedMs: finiteNumber, startMs: finiteNumber, endMs: finiteNumber,
});
const latency = object<LatencySummary>({ count: wholeNumber, p50: finiteNumber, p99: finiteNumber, max: finiteNumber });
const metrics = object<Metrics>({
  runtime: text, cpus: cpuCount, wallMs: finiteNumber, threads: listOf(threadMetrics), gilHandoffs: finiteNumber, failedAcquires: finiteNumber,
  dropRequests: finiteNumber, gilChecks: finiteNumber, contextSwitches: finiteNumber, cpuUtilization: finiteNumber, ioLatencyMs: latency, simEvents: finiteNumber,
});

const sharedResult = object<SharedResult>({ name: text, value: finiteNumber, expected: finiteNumber, lost: finiteNumber });

export const runResult: Shape<RunResult> = object<RunResult>({ trace, metrics, shared: listOf(sharedResult) });

/** Longest error message or status line the page shows (the worker cuts longer ones). */
export const maxMessageChars = 4_000;

export const scenarioError: Shape<ScenarioError> = object<ScenarioError>({
  message: textUpTo(maxMessageChars), line: optional(wholeNumber), column: optional(wholeNumber), limit: optional(flag),
});

type Ran = Extract<VariantOutcome, { ok: true }>;
type Failed = Extract<VariantOutcome, { ok: false }>;
const label = textUpTo(maxMessageChars);

export const variantOutcome: Shape<VariantOutcome> = either<Ran, Failed>(
  (value) => {
    const ok = (value as { ok?: unknown } | null)?.ok;
    return ok === true ? 'first' : ok === false ? 'second' : undefined;
  },
  object<Ran>({ ok: oneOf([true] as const), label, result: runResult }),
  object<Failed>({ ok: oneOf([false] as const), label, error: scenarioError }),
  'a run outcome (ok: true or false)',
);
