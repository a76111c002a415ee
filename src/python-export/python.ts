/**
 * Export a scenario as a runnable Python program that does the same work with
 * real threads and processes, and prints the simulator's metrics as measured.
 *
 * `exportPython` records each thread's operations on the simulator (record.ts)
 * and `emitPython` turns the recording into Python (pure; tested on hand-made
 * recordings). The helpers the program calls are Python, in prelude.py. Scenario
 * text reaches the source only through python-literals.ts (literals, comments, the
 * docstring) and python-names.ts (identifiers): names may be hostile.
 */

import type { RunOptions, Scenario } from 'gilsim';
import { foldRepeats, renderBlocks } from './compress';
import type { RecordedOp, RecordedScenario, SyncObject, TaskProgram } from './program';
import { incrementFunctions, scaledTimes, sharedDeclarations, type IncrementNames } from './shared';
import { pyCommentText, pyDocstring, pyDocstringLine, pyLiteral, pyNumber, pyString } from './python-literals';
import { PythonNames } from './python-names';
import prelude from './prelude.py?raw';
import { recordScenario } from './record';
import { scenarioId } from './scenario-id';
import { suggestedPython } from './real-trace';

export interface ExportOptions {
  /** Multiply every amount of work (bytecodes, durations, bytes) by this. Default 1. */
  scale?: number;
  /** Where the scenario came from (a file name), for the header. */
  source?: string;
  /** Overrides for the recording run (the playground's controls: runtime, CPUs, intervals). */
  run?: RunOptions;
}

/** What does not translate exactly from the simulator to a real Python program (the site lists these). */
export const exportCaveats: readonly string[] = [
  'Each thread replays the operations it ran in the simulation, in the same order: loops are unrolled as they ran and queue items are the recorded values. Nothing in the program depends on real timing.',
  'py(n) becomes a countdown loop, `while n > 0: n -= 1`, of about n bytecodes (8 or 9 per turn depending on the version: 9 on 2.7, 3.12 and 3.13, 8 on 3.10 and 3.11; the program counts them with dis at start-up). Real code mixes cheaper and dearer bytecodes.',
  'io(ms) and sleep(ms) both become time.sleep: the GIL is released and a timer wakes the thread. A real read is woken by the device instead. Short sleeps overshoot by the OS timer slack (50–80 µs on Linux), as in any Python program; the simulator models that too.',
  'native(ms, { releasesGil: true }) hashes zero bytes with SHA-256, sized from a start-up measurement (OpenSSL\'s hashlib releases the GIL for 2048 bytes or more); where hashlib is not OpenSSL\'s (a Python 2.7 built without it keeps the GIL) it compresses them with zlib instead. Work longer than one 64 MB buffer (about 40 ms) takes several calls, and the thread re-takes the GIL between them.',
  'native(ms, { releasesGil: false }) becomes sum(range(k)), sized from a start-up measurement: C code that holds the GIL and never lets another thread in.',
  'The CPU count is applied with os.sched_setaffinity (Linux, Python 3.3+) when the machine has at least that many CPUs; otherwise the program uses what it gets and says so in measured.notes.',
  'The runtime is whichever Python runs the program: use the version the scenario simulates (python2.7 for the old GIL, python3.13t or 3.14t for free threading). The switch interval and check interval are set from the scenario.',
  'Processes use multiprocessing with the scenario\'s start method (Python 3.4+; Python 2 always forks). argBytes and resultBytes travel as zero bytes through a Pipe, pickled.',
  'Subinterpreters use concurrent.interpreters on Python 3.14+, each with its own GIL (this path has not been run on the machine that built the site); on older versions they run as ordinary threads that share the GIL.',
  'Locks, events and queues shared with a child process cannot cross into it: each process gets its own copy.',
  'increment(counter, ...) runs the loop the simulator models on a real module-level global: `for _ in range(times): counter += 1` (or `counter = bump(counter)`, or either inside `with lock:`). How many updates get lost depends on this machine\'s timing as well as on the interpreter, so compare it across several runs. `shared` reports the variables of the main interpreter; a child process or subinterpreter updates its own copy.',
  'Metrics the OS does not show are null: GIL hand-offs, failed acquisitions, drop requests, old-GIL checks, simulator events. gilWaitMs is the time a thread was neither on a CPU nor blocked, so it includes waiting for a CPU; cpuWaitMs is null.',
  'blockedMs counts io/sleep at their nominal length and joins, locks, events and queues in full (including taking the GIL back). ioLatencyMs runs from the requested end of each io/sleep to the thread running again, so it includes timer overshoot.',
  'log() output goes to stderr, and only for log operations a thread yields; a real machine also runs other programs, so compare medians of several runs.',
];

/** Record `scenario` on the simulator and return the Python program that replays it. */
export function exportPython(scenario: Scenario, options: ExportOptions = {}): string {
  return emitPython(recordScenario(scenario, options.run).recorded, options);
}

/** Python source for a recorded scenario. */
export function emitPython(recorded: RecordedScenario, options: ExportOptions = {}): string {
  const scale = options.scale ?? 1;
  if (!(scale > 0) || !Number.isFinite(scale)) throw new RangeError(`export scale must be a number > 0, got ${scale}`);
  const names = new PythonNames();
  const syncNames = new Map<number, string>();
  for (const sync of recorded.syncObjects) syncNames.set(sync.id, names.claim(sync.name, sync.kind));
  const taskNames = new Map<number, string>();
  for (const task of recorded.tasks) taskNames.set(task.id, names.claim(`task_${task.name}`, 'task'));
  const taskById = new Map(recorded.tasks.map((task) => [task.id, task]));
  const increments = incrementFunctions(recorded, names, syncNames);

  const context: EmitContext = { scale, syncNames, taskById, increments };
  const parts = [
    header(recorded, options),
    prelude.trim(),
    '',
    '',
    '# ---------------------------------------------------------------------------',
    '# The scenario, as each thread ran it in the simulator',
    '# ---------------------------------------------------------------------------',
    '',
    `SETTINGS = ${pyLiteral({
      runtime: recorded.runtime, cpus: recorded.cpus, switchIntervalMs: recorded.switchIntervalMs,
      checkInterval: recorded.checkInterval, scale,
      largestReleasingNativeMs: largestReleasingNativeMs(recorded) * scale,
      // For the trace it records with --trace FILE (the playground matches it to its scenario).
      scenarioId: scenarioId(recorded, scale), title: recorded.title ?? null,
    })}`,
    '',
    ...recorded.syncObjects.map((sync) => `${syncNames.get(sync.id)} = ${syncConstructor(sync)}  # ${sync.kind} "${pyCommentText(sync.name)}"`),
    ...(recorded.syncObjects.length ? [''] : []),
    ...sharedDeclarations(recorded, increments, syncNames, scale),
    ...recorded.tasks.flatMap((task) => ['', taskFunction(task, taskNames.get(task.id)!, context)]),
    '',
    'TASKS.update({',
    ...recorded.tasks.map((task) => `    ${task.id}: ${taskEntry(task, taskNames.get(task.id)!, recorded, scale)},`),
    '})',
    '',
    'if __name__ == "__main__":',
    '    run_program()',
    '',
  ];
  return parts.join('\n');
}

interface EmitContext {
  scale: number;
  syncNames: Map<number, string>;
  taskById: Map<number, TaskProgram>;
  increments: IncrementNames;
}

function header(recorded: RecordedScenario, options: ExportOptions): string {
  const title = recorded.title ?? options.source ?? 'GIL Lab scenario';
  const lines = [
    `${title}: exported from GIL Lab's simulator as a real Python program.`,
    '',
    ...(options.source ? [`Scenario file: ${options.source}`] : []),
    `Simulated on ${recorded.runtime} with ${recorded.cpus} CPU${recorded.cpus === 1 ? '' : 's'}${
      (options.scale ?? 1) !== 1 ? `; every amount of work scaled by ${options.scale}` : ''}.`,
    `Run it with the Python that matches (${suggestedPython(recorded.runtime)}); it prints one JSON object`,
    'with the simulator\'s metrics (wallMs, threads[] with cpuMs, startMs, endMs...), measured.',
    'Works on Python 2.7 and 3.x.',
    '',
    'What does not translate exactly:',
    ...exportCaveats.flatMap((caveat) => wrap(`- ${caveat}`, 76, '  ')),
  ];
  return ['#!/usr/bin/env python3', '# -*- coding: utf-8 -*-', `"""${lines.map(pyDocstringLine).join('\n')}`, '"""', ''].join('\n');
}

function largestReleasingNativeMs(recorded: RecordedScenario): number {
  let largest = 0;
  for (const task of recorded.tasks) {
    for (const op of task.ops) if (op.op === 'native' && op.releasesGil) largest = Math.max(largest, op.ms);
  }
  return largest;
}


function wrap(text: string, width: number, continuation: string): string[] {
  const out: string[] = [];
  let line = '';
  for (const word of text.split(' ')) {
    if (line && line.length + 1 + word.length > width) {
      out.push(line);
      line = continuation + word;
    } else {
      line = line ? `${line} ${word}` : word;
    }
  }
  if (line) out.push(line);
  return out;
}

function syncConstructor(sync: SyncObject): string {
  switch (sync.kind) {
    case 'lock': return 'threading.Lock()';
    case 'event': return 'threading.Event()';
    case 'queue': return 'queue.Queue()';
  }
}

function taskFunction(task: TaskProgram, name: string, context: EmitContext): string {
  const lines = task.ops.map((op) => opLine(op, context));
  const body = renderBlocks(foldRepeats(lines), '    ');
  const summary = `${task.kind === 'main' ? 'The main thread' : `${capitalise(task.kind)} '${task.name}'`}: ${
    task.ops.length} operation${task.ops.length === 1 ? '' : 's'}.`;
  return [`def ${name}():`, `    ${pyDocstring(summary)}`, ...(body.length ? body : ['    pass']), ''].join('\n');
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function opLine(op: RecordedOp, { scale, syncNames, taskById, increments }: EmitContext): string {
  const ms = (value: number) => pyNumber(value * scale);
  const taskLabel = (id: number) => {
    const task = taskById.get(id);
    return task ? `  # ${task.kind} "${pyCommentText(task.name)}"` : '';
  };
  const sync = (id: number) => syncNames.get(id) ?? `UNKNOWN_SYNC_${id}`;
  switch (op.op) {
    case 'py': return `run_py(${Math.max(0, Math.round(op.bytecodes * scale))})`;
    case 'io': return `do_io(${ms(op.ms)})`;
    case 'sleep': return `do_sleep(${ms(op.ms)})`;
    case 'native': return `${op.releasesGil ? 'run_c_releasing_gil' : 'run_c_holding_gil'}(${ms(op.ms)})`;
    case 'start': return `start(${op.task})${taskLabel(op.task)}`;
    case 'join': return `join(${op.task})${taskLabel(op.task)}`;
    case 'lockAcquire': return `acquire(${sync(op.sync)})`;
    case 'lockRelease': return `release(${sync(op.sync)})`;
    case 'eventSet': return `set_event(${sync(op.sync)})`;
    case 'eventWait': return `wait_event(${sync(op.sync)})`;
    case 'queuePut': return `put(${sync(op.sync)}, ${pyLiteral(op.item)})`;
    case 'queueGet': return `get(${sync(op.sync)})`;
    case 'log': return `log(${pyString(op.text)})`;
    case 'increment': return `${increments.functionFor(op)}(${scaledTimes(op.times, scale)})`;
  }
}

function taskEntry(task: TaskProgram, name: string, recorded: RecordedScenario, scale: number): string {
  const base = `Task(${task.id}, ${pyString(task.name)}, ${pyString(task.kind)}, ${name}`;
  if (task.kind !== 'process') return `${base})`;
  const bytes = (value: number | undefined) => Math.max(0, Math.round((value ?? 0) * scale));
  return `${base}, start_method=${pyString(task.startMethod ?? recorded.defaultStartMethod)}, arg_bytes=${
    bytes(task.argBytes)}, result_bytes=${bytes(task.resultBytes)})`;
}
