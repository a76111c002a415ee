/**
 * `gilsim twin`, inside the scenario process: simulate the scenario file with the bytecode
 * cost measured on the real Python (and that Python's runtime preset, when the simulator
 * has one), and export the same run as a Python program.
 */
import scenario from 'gilsim:scenario';
import { runtimes, type RunOptions, type RuntimeName } from 'gilsim';
import { emitPython } from '../../python-export/python';
import { recordScenario } from '../../python-export/record';

export interface TwinArgs {
  bytecodeNs: number;
  /** The real interpreter's runtime as it reports it, e.g. "cpython-3.12.1". */
  realRuntime: string;
  /** Whether this OS can fork (processes with the fork start method). */
  canFork: boolean;
}

/** The preset for "cpython-3.12.1" ("cpython-3.12"), or undefined when the simulator has none. */
function presetOf(realRuntime: string): RuntimeName | undefined {
  const match = /^cpython-(\d+)\.(\d+)(?:\.\d+)?(t?)$/.exec(realRuntime);
  const name = match ? `cpython-${match[1]}.${match[2]}${match[3]}` : '';
  return name in runtimes ? (name as RuntimeName) : undefined;
}

export default function twin({ bytecodeNs, realRuntime, canFork }: TwinArgs): string {
  const preset = presetOf(realRuntime);
  const options: RunOptions = { bytecodeNs, ...(preset ? { runtime: preset } : {}) };
  const { recorded, result } = recordScenario(scenario, options);
  const forked = recorded.tasks.find((task) => task.kind === 'process' && (task.startMethod ?? recorded.defaultStartMethod) === 'fork');
  if (forked && !canFork) {
    throw new Error(`process "${forked.name}" starts with fork, which this OS does not have: the scenario cannot run here for real`);
  }
  return JSON.stringify({
    title: scenario.title ?? null, preset: preset ?? null, scenarioRuntime: scenario.runtime ?? null,
    source: emitPython(recorded), result,
  });
}
