/**
 * Shared variables in the exported program: each `Shared` becomes a module-level
 * global, and each way a scenario updates it (`via`, with or without a lock) a
 * function that runs the very loop the simulator models, on that global:
 *
 *     def add_counter_inline(times):
 *         global counter
 *         ...
 *         for _ in range(turns):
 *             counter += 1
 *
 * (in chunks of `turns` between timestamps when the program records a trace)
 * so the interpreter executes the same LOAD_GLOBAL ... STORE_GLOBAL bytecodes as
 * `calibration/races/measure.py`. The program prints each variable under `shared`
 * with what it should hold (the recording says how many increments each thread makes).
 * Names come from the scenario and may be hostile: identifiers go through
 * `PythonNames`, text through python-literals.ts.
 */

import type { RecordedOp, RecordedScenario, TaskProgram } from './program';
import { pyCommentText, pyDocstring, pyNumber, pyString } from './python-literals';
import type { PythonNames } from './python-names';
import { bytecodesPerTurn, lockBytecodesPerTurn } from '../sim/shared/loops';

type IncrementOp = Extract<RecordedOp, { op: 'increment' }>;

/** The identifiers chosen for the shared variables and the functions that update them. */
export interface IncrementNames {
  /** Python global for a shared variable id. */
  readonly variables: ReadonlyMap<number, string>;
  /** One function per (variable, via, lock) the recording uses, in first-use order. */
  readonly functions: readonly { name: string; op: IncrementOp }[];
  functionFor(op: IncrementOp): string;
}

/** `times` of an increment scaled like every other amount of work. */
export function scaledTimes(times: number, scale: number): number {
  return Math.max(0, Math.round(times * scale));
}

const keyOf = (op: IncrementOp) => `${op.shared}/${op.via}/${op.lock ?? ''}`;

/** Claim the identifiers (before any code is written, so nothing else can take them). */
export function incrementFunctions(recorded: RecordedScenario, names: PythonNames, syncNames: ReadonlyMap<number, string>): IncrementNames {
  const variables = new Map<number, string>();
  for (const shared of recorded.shared) variables.set(shared.id, names.claim(shared.name, 'shared'));
  const byKey = new Map<string, { name: string; op: IncrementOp }>();
  for (const task of recorded.tasks) {
    for (const op of task.ops) {
      if (op.op !== 'increment' || byKey.has(keyOf(op))) continue;
      const lock = op.lock === undefined ? '' : `_with_${syncNames.get(op.lock) ?? 'lock'}`;
      byKey.set(keyOf(op), { name: names.claim(`add_${variables.get(op.shared) ?? 'shared'}_${op.via}${lock}`, 'add'), op });
    }
  }
  return {
    variables,
    functions: [...byKey.values()],
    functionFor: (op) => byKey.get(keyOf(op))?.name ?? 'UNKNOWN_INCREMENT',
  };
}

/** Tasks that run in the main interpreter, sharing its globals (not child processes or subinterpreters). */
function mainInterpreterTasks(recorded: RecordedScenario): TaskProgram[] {
  const byId = new Map(recorded.tasks.map((task) => [task.id, task]));
  const inMain = (task: TaskProgram | undefined): boolean =>
    !!task && (task.kind === 'main' || (task.kind === 'thread' && inMain(byId.get(task.parent ?? -1))));
  return recorded.tasks.filter(inMain);
}

/** The globals, the update functions and the `SHARED` table the report reads. */
export function sharedDeclarations(recorded: RecordedScenario, increments: IncrementNames, syncNames: ReadonlyMap<number, string>, scale: number): string[] {
  if (!recorded.shared.length) return [];
  const lines: string[] = [];
  for (const shared of recorded.shared) {
    lines.push(`${increments.variables.get(shared.id)} = ${pyNumber(shared.initial)}  # Shared "${pyCommentText(shared.name)}"`);
  }
  for (const { name, op } of increments.functions) {
    const variable = increments.variables.get(op.shared)!;
    const update = op.via === 'call' ? `${variable} = bump(${variable})` : `${variable} += 1`;
    const lock = op.lock === undefined ? undefined : syncNames.get(op.lock);
    // The loop's solo cost per turn, as the simulator charges it (its bytecodes, the lock's).
    const perTurn = bytecodesPerTurn(op.via) + (op.lock === undefined ? 0 : lockBytecodesPerTurn);
    lines.push(
      '',
      '',
      `def ${name}(times):`,
      `    ${pyDocstring(`increment(${op.via === 'call' ? 'via: "call"' : 'via: "inline"'}${lock ? ', with a lock' : ''}): ${update}, times times.`)}`,
      `    global ${variable}`,
      '    cpu_before = _cpu_now()',
      // Under --trace the loop runs in timestamped chunks; the read-modify-write inside is the same.
      `    chunk = _increment_chunk(${perTurn})`,
      '    while times > 0:',
      '        turns = chunk if times > chunk else times',
      '        for _ in range(turns):',
      ...(lock ? [`            with ${lock}:`, `                ${update}`] : [`            ${update}`]),
      `        _increment_chunk_done(turns, ${perTurn})`,
      '        times -= turns',
      '    _charge_cpu("pythonMs", cpu_before)',
    );
  }
  const expected = new Map(recorded.shared.map((shared) => [shared.id, shared.initial]));
  for (const task of mainInterpreterTasks(recorded)) {
    for (const op of task.ops) if (op.op === 'increment') expected.set(op.shared, (expected.get(op.shared) ?? 0) + scaledTimes(op.times, scale));
  }
  lines.push('', '', 'SHARED.extend([');
  for (const shared of recorded.shared) {
    const variable = increments.variables.get(shared.id)!;
    lines.push(`    (${pyString(shared.name)}, lambda: ${variable}, ${pyNumber(expected.get(shared.id) ?? shared.initial)}),`);
  }
  lines.push('])', '');
  return lines;
}
