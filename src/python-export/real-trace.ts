/**
 * The timeline an exported program records of itself (`python program.py --trace FILE`,
 * format `gil-lab-real-trace`, written by prelude.py's "Recording the timeline"): read
 * it back with checks (the file comes from anywhere: a reader's disk, a drop), and turn
 * it into the simulator's `Trace` and `Metrics` so the timeline core, the CLI's text
 * timeline and the playground's compare mode draw a real run as they draw a simulated one.
 *
 * ```text
 * { …the program's report (runtime, cpus, wallMs, threads[], ioLatencyMs, measured…),
 *   "format": "gil-lab-real-trace", "version": 1, "scenarioId": "…16 hex…", "title": …,
 *   "machine": { "system", "release", "cpu" }, "traceChunkUs": 100,
 *   "threads": [{ "id", "name", "kind", "cpuMs", …, "startMs", "endMs" }],
 *   "trace": [{ "thread": id, "state": "python" | "native" | "gil-wait" | "blocked", "startMs", "endMs", "line"? }] }
 * ```
 *
 * The OS cannot tell waiting for the GIL from waiting for a CPU, so the program writes
 * both as "gil-wait"; GIL hand-offs are counted from the trace (the "python" state passing
 * from one thread to another), the other GIL counters are unknown (0 here, null in the file).
 */
import type { Metrics, RunResult, SharedResult, StateInterval, ThreadMetrics, ThreadState, TraceThread } from 'gilsim';

export const realTraceFormat = 'gil-lab-real-trace';
export const realTraceVersion = 1;
/** Larger files are refused before parsing (a 10 s two-thread 2.7 battle is about 3 MB). */
export const realTraceMaxBytes = 32 * 1024 * 1024;

const states: readonly ThreadState[] = ['python', 'native', 'gil-wait', 'cpu-wait', 'blocked'];
const kinds: readonly TraceThread['kind'][] = ['main', 'thread', 'process', 'interpreter'];

/** One thread of a real run, as the program measured it (null: the OS could not say). */
export interface RealThread {
  id: number;
  name: string;
  kind: TraceThread['kind'];
  cpuMs: number | null;
  pythonMs: number | null;
  nativeMs: number | null;
  gilWaitMs: number | null;
  blockedMs: number;
  startMs: number;
  endMs: number;
}

/** A real run's trace file, checked. */
export interface RealTrace {
  scenarioId: string;
  title: string | null;
  /** The interpreter that ran it, e.g. "cpython-3.12.1". */
  runtime: string;
  /** Its version, e.g. "3.12.1". */
  python: string;
  /** The runtime the scenario simulates. */
  simulatedRuntime: string;
  machine: { system: string; release: string; cpu: string };
  cpus: number;
  wallMs: number;
  contextSwitches: number | null;
  ioLatencyMs: Metrics['ioLatencyMs'];
  chunkUs: number;
  threads: RealThread[];
  intervals: StateInterval[];
  /** The shared variables' real values (programs with a `Shared`; older files have none). */
  shared: SharedResult[];
}

export type ReadRealTrace = { ok: true; trace: RealTrace } | { ok: false; message: string };

class Invalid extends Error {}

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function field<T>(object: Record<string, unknown>, key: string, where: string, check: (value: unknown) => value is T, what: string): T {
  const value = object[key];
  if (!check(value)) throw new Invalid(`${where}.${key} should be ${what}`);
  return value;
}
const isFiniteNumber = (value: unknown): value is number => typeof value === 'number' && Number.isFinite(value);
const isCount = (value: unknown): value is number => Number.isInteger(value) && (value as number) >= 0;
const isInteger = (value: unknown): value is number => Number.isSafeInteger(value);
const isString = (value: unknown): value is string => typeof value === 'string';
const orNull = <T>(check: (value: unknown) => value is T) => (value: unknown): value is T | null => value === null || check(value);
const number = (object: Record<string, unknown>, key: string, where: string) => field(object, key, where, isFiniteNumber, 'a number');
const text = (object: Record<string, unknown>, key: string, where: string, max = 500) => {
  const value = field(object, key, where, isString, 'text');
  if (value.length > max) throw new Invalid(`${where}.${key} is longer than ${max} characters`);
  return value;
};

/**
 * Read a trace file's text (`bytes`: its size, checked before parsing). With
 * `expectScenarioId`, a trace of another scenario is refused.
 */
export function readRealTrace(source: string, options: { bytes?: number; expectScenarioId?: string } = {}): ReadRealTrace {
  const bytes = options.bytes ?? source.length;
  if (bytes > realTraceMaxBytes) {
    return { ok: false, message: `The file is ${(bytes / 1024 / 1024).toFixed(1)} MB; a real trace may be at most ${realTraceMaxBytes / 1024 / 1024} MB.` };
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(source);
  } catch {
    return { ok: false, message: 'The file is not JSON: expected the file an exported program writes with --trace FILE.' };
  }
  try {
    const trace = checkRealTrace(parsed);
    if (options.expectScenarioId !== undefined && trace.scenarioId !== options.expectScenarioId) {
      return { ok: false, message: `This trace is of another scenario${trace.title ? ` ("${trace.title.slice(0, 80)}")` : ''} or of other settings: export this one and record its trace.` };
    }
    return { ok: true, trace };
  } catch (error) {
    if (!(error instanceof Invalid)) throw error;
    return { ok: false, message: `Not a real trace from GIL Lab: ${error.message}.` };
  }
}

/** Check a parsed file against the format; throws Invalid with what is wrong. */
function checkRealTrace(file: unknown): RealTrace {
  if (!isRecord(file)) throw new Invalid('the file should hold one JSON object');
  if (file.format !== realTraceFormat) throw new Invalid(`format should be "${realTraceFormat}" (got ${JSON.stringify(String(file.format)).slice(0, 60)})`);
  if (file.version !== realTraceVersion) throw new Invalid(`version ${String(file.version).slice(0, 20)} is not one this page reads (${realTraceVersion})`);
  const measured = field(file, 'measured', 'file', isRecord, 'an object');
  const machine = field(file, 'machine', 'file', isRecord, 'an object');
  const latency = field(file, 'ioLatencyMs', 'file', isRecord, 'an object');
  const rawThreads = field(file, 'threads', 'file', Array.isArray, 'a list');
  if (rawThreads.length === 0 || rawThreads.length > 10_000) throw new Invalid('threads should list 1 to 10,000 threads');
  const threads = rawThreads.map((raw, index): RealThread => {
    const where = `threads[${index}]`;
    if (!isRecord(raw)) throw new Invalid(`${where} should be an object`);
    const kind = field(raw, 'kind', where, isString, 'text') as TraceThread['kind'];
    if (!kinds.includes(kind)) throw new Invalid(`${where}.kind should be one of ${kinds.join(', ')}`);
    const maybe = (key: string) => field(raw, key, where, orNull(isFiniteNumber), 'a number or null');
    return {
      id: field(raw, 'id', where, isCount, 'a whole number'), name: text(raw, 'name', where), kind,
      cpuMs: maybe('cpuMs'), pythonMs: maybe('pythonMs'), nativeMs: maybe('nativeMs'), gilWaitMs: maybe('gilWaitMs'),
      blockedMs: number(raw, 'blockedMs', where), startMs: number(raw, 'startMs', where), endMs: number(raw, 'endMs', where),
    };
  });
  const ids = new Set(threads.map((thread) => thread.id));
  if (ids.size !== threads.length) throw new Invalid('two threads have the same id');
  const rawTrace = field(file, 'trace', 'file', Array.isArray, 'a list');
  const intervals = rawTrace.map((raw, index): StateInterval => {
    const where = `trace[${index}]`;
    if (!isRecord(raw)) throw new Invalid(`${where} should be an object`);
    const thread = field(raw, 'thread', where, isCount, 'a whole number');
    if (!ids.has(thread)) throw new Invalid(`${where}.thread names no thread of the file`);
    const state = field(raw, 'state', where, isString, 'text') as ThreadState;
    if (!states.includes(state)) throw new Invalid(`${where}.state should be one of ${states.join(', ')}`);
    const start = number(raw, 'startMs', where);
    const end = number(raw, 'endMs', where);
    if (end < start) throw new Invalid(`${where} ends before it starts`);
    const interval: StateInterval = { thread, state, start, end };
    if (raw.line !== undefined) interval.line = field(raw, 'line', where, isCount, 'a whole number');
    return interval;
  });
  const rawShared = file.shared === undefined ? [] : field(file, 'shared', 'file', Array.isArray, 'a list');
  if (rawShared.length > 1_000) throw new Invalid('shared should list at most 1,000 variables');
  const shared = rawShared.map((raw, index): SharedResult => {
    const where = `shared[${index}]`;
    if (!isRecord(raw)) throw new Invalid(`${where} should be an object`);
    const count = (key: string) => field(raw, key, where, isInteger, 'a whole number');
    return { name: text(raw, 'name', where), value: count('value'), expected: count('expected'), lost: count('lost') };
  });
  const wallMs = number(file, 'wallMs', 'file');
  if (wallMs <= 0) throw new Invalid('file.wallMs should be more than 0');
  return {
    scenarioId: text(file, 'scenarioId', 'file', 64),
    title: field(file, 'title', 'file', orNull(isString), 'text or null')?.slice(0, 500) ?? null,
    runtime: text(file, 'runtime', 'file', 60),
    python: text(measured, 'python', 'measured', 60),
    simulatedRuntime: text(measured, 'simulatedRuntime', 'measured', 60),
    machine: { system: text(machine, 'system', 'machine', 100), release: text(machine, 'release', 'machine', 100), cpu: text(machine, 'cpu', 'machine', 200) },
    cpus: field(file, 'cpus', 'file', isCount, 'a whole number'),
    wallMs,
    contextSwitches: field(file, 'contextSwitches', 'file', orNull(isCount), 'a whole number or null'),
    ioLatencyMs: {
      count: field(latency, 'count', 'ioLatencyMs', isCount, 'a whole number'),
      p50: number(latency, 'p50', 'ioLatencyMs'), p99: number(latency, 'p99', 'ioLatencyMs'), max: number(latency, 'max', 'ioLatencyMs'),
    },
    chunkUs: number(file, 'traceChunkUs', 'file'),
    threads,
    intervals,
    shared,
  };
}

/** The Python command for a simulated runtime: "python3.12" for cpython-3.12, "python3" when unknown. */
export function suggestedPython(runtime: string | undefined): string {
  const match = /^cpython-(\d+)\.(\d+)(t?)$/.exec(runtime ?? '');
  return match ? `python${match[1]}.${match[2]}${match[3]}` : 'python3';
}

/** The scenario fingerprint an exported program carries in its SETTINGS (see scenario-id.ts). */
export function programScenarioId(program: string): string | undefined {
  return /^SETTINGS = \{.*"scenarioId": "([0-9a-f]{16})"/m.exec(program)?.[1];
}

/** "CPython 3.12.1 on AMD EPYC (Linux)": the label a real run is shown with. */
export function realTraceLabel(trace: RealTrace): string {
  return `Real CPython ${trace.python} on ${trace.machine.cpu} (${trace.machine.system})`;
}

/** Times the "python" state passed from one thread to another: the GIL hand-offs the trace shows. */
export function countHandoffs(intervals: readonly StateInterval[]): number {
  const running = intervals.filter((interval) => interval.state === 'python').sort((a, b) => a.start - b.start);
  let handoffs = 0;
  for (let i = 1; i < running.length; i++) if (running[i].thread !== running[i - 1].thread) handoffs++;
  return handoffs;
}

/**
 * The real run as a `RunResult`: one interpreter (each process its own), no CPU or GIL lanes
 * (the OS shows neither), unknown counters 0. Times the OS could not measure (thread CPU time
 * on a Python without a thread clock) are taken from the trace.
 */
export function realRunResult(trace: RealTrace): RunResult {
  const processOf = new Map<number, number>();
  for (const thread of trace.threads) processOf.set(thread.id, thread.kind === 'process' ? thread.id : 0);
  const traceThreads: TraceThread[] = trace.threads.map((thread) => ({
    id: thread.id, name: thread.name, kind: thread.kind,
    interpreter: processOf.get(thread.id)!, process: processOf.get(thread.id)!,
    startMs: thread.startMs, endMs: thread.endMs,
  }));
  const interpreters = [{ id: 0, name: 'main', process: 0, hasGil: !trace.runtime.endsWith('t') }];
  for (const thread of trace.threads) {
    if (thread.kind === 'process') interpreters.push({ id: thread.id, name: thread.name, process: thread.id, hasGil: interpreters[0].hasGil });
  }
  const intervals = [...trace.intervals].sort((a, b) => a.thread - b.thread || a.start - b.start);
  const spent = (id: number, state: ThreadState) =>
    intervals.reduce((sum, interval) => (interval.thread === id && interval.state === state ? sum + interval.end - interval.start : sum), 0);
  const threads: ThreadMetrics[] = trace.threads.map((thread) => {
    const pythonMs = thread.pythonMs ?? spent(thread.id, 'python');
    const nativeMs = thread.nativeMs ?? spent(thread.id, 'native');
    return {
      name: thread.name, kind: thread.kind, cpuMs: thread.cpuMs ?? pythonMs + nativeMs, pythonMs, nativeMs,
      gilWaitMs: thread.gilWaitMs ?? spent(thread.id, 'gil-wait'), cpuWaitMs: 0, blockedMs: thread.blockedMs,
      startMs: thread.startMs, endMs: thread.endMs,
    };
  });
  const busy = threads.reduce((sum, thread) => sum + thread.cpuMs, 0);
  const metrics: Metrics = {
    runtime: trace.runtime, cpus: trace.cpus, wallMs: trace.wallMs, threads,
    gilHandoffs: countHandoffs(intervals), failedAcquires: 0, dropRequests: 0, gilChecks: 0,
    contextSwitches: trace.contextSwitches ?? 0,
    cpuUtilization: trace.cpus > 0 ? busy / (trace.wallMs * trace.cpus) : 0,
    ioLatencyMs: trace.ioLatencyMs, simEvents: 0,
  };
  return {
    metrics,
    trace: {
      endMs: trace.wallMs, cpus: trace.cpus, threads: traceThreads, interpreters, intervals,
      cpu: [], gil: [], events: [], eventsDropped: 0, console: [], threadsOnly: true,
    },
    shared: trace.shared,
  };
}
