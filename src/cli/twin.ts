/**
 * `gilsim twin <scenario>`: the simulator beside real CPython. Measure the interpreter's
 * cost per bytecode with the probe (as `npm run calibrate` does), simulate the scenario with
 * it (in the sandbox: sandboxed/twin.ts, which also exports the same run as Python), run the
 * program `--runs` times with `--trace` on the real Python, and print both (twin-report.ts).
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { RunResult } from 'gilsim';
import type { Command } from './args.ts';
import { importBundled } from './bundle.ts';
import { terminalSafe } from './messages.ts';
import type { Sandboxed } from './main.ts';
import { measureBytecodeNs, PythonError, runProgram } from './real-python.ts';
import type { TwinArgs } from './sandboxed/twin.ts';

type TwinCommand = Extract<Command, { kind: 'twin' }>;
type Report = typeof import('./twin-report.ts');

/** What sandboxed/twin.ts returns. */
interface Simulated {
  title: string | null;
  preset: string | null;
  scenarioRuntime: string | null;
  source: string;
  result: RunResult;
}

function fail(message: string, exitCode: number): number {
  process.stderr.write(`gilsim twin: ${terminalSafe(message)}\n`);
  return exitCode;
}

/** Run the twin; the exit code (2: no such Python, 1: it failed or the scenario cannot run). */
export async function runTwin(command: TwinCommand, simulate: (args: TwinArgs) => Promise<Sandboxed>): Promise<number> {
  const report = await importBundled<Report>(fileURLToPath(new URL('./twin-report.ts', import.meta.url)));
  const { python } = command;
  try {
    const probe = measureBytecodeNs(python, report.probeProgram(), 3);
    if (!/^cpython-[23]\./.test(probe.runtime)) return fail(`"${python}" is ${probe.runtime}, not CPython 2.7 or 3.x`, 1);
    const outcome = await simulate({ bytecodeNs: probe.bytecodeNs, realRuntime: probe.runtime, canFork: process.platform !== 'win32' });
    if (!outcome.ok) return outcome.exitCode;
    const simulated: Simulated = JSON.parse(outcome.text);
    const notes: string[] = [];
    if (!simulated.preset) notes.push(`the simulator has no preset for ${probe.runtime}: simulated as ${simulated.result.metrics.runtime}`);
    else if (simulated.scenarioRuntime && simulated.scenarioRuntime !== simulated.preset) {
      notes.push(`the scenario simulates ${simulated.scenarioRuntime}; both sides use ${simulated.preset}, the Python given (--python)`);
    }
    const realTraces: string[] = [];
    for (let run = 0; run < command.runs; run++) {
      const { trace } = runProgram(python, simulated.source, { cpus: simulated.result.metrics.cpus, trace: true, timeoutMs: command.timeoutSeconds * 1000 * 6 });
      realTraces.push(trace!.text);
    }
    const input = { sim: simulated.result, realTraces, bytecodeNs: probe.bytecodeNs, title: simulated.title, notes };
    // The median run's trace, as the program wrote it (what the playground loads; calibration/twins/).
    if (command.saveReal) writeFileSync(command.saveReal, report.medianTraceText(realTraces));
    process.stdout.write(`${terminalSafe(command.json ? report.twinJson(input) : report.twinText(input))}\n`);
    return 0;
  } catch (error) {
    if (error instanceof PythonError) return fail(error.message, error.notFound ? 2 : 1);
    throw error;
  }
}
