/**
 * The runner worker: runs the reader's compiled scenario on the simulator. Vite
 * bundles it together with the simulator; the page fetches that bundle and starts
 * it from a blob URL inside a sandboxed iframe (opaque origin), so scenario code
 * has no access to the site's storage, cookies or DOM. The page talks to it over
 * a MessagePort (see protocol.ts); a watchdog on the page terminates it if it
 * runs too long.
 */
import * as gilsim from '../../sim/index';
import { runScenario, setLineResolver, SimulationLimitError, type Scenario } from '../../sim/index';
import { runOptionsFor } from '../controls';
import { exportPython } from '../../export/python';
import type { RunnerReply, RunnerRequest, ScenarioError, VariantOutcome } from '../protocol';
import { frameIn, inlineSourceMap, originalLine, tagYields } from './source-lines';

import { gilsimGlobal, scenarioGlobal } from './compiler-globals';

let port: MessagePort | undefined;
/** Global the tagged scenario calls at each `yield` with its line. */
const lineMarker = '__gilAt';
const scope = self as unknown as Record<string, unknown> & { importScripts(url: string): void };
// The scenario's `import … from "gilsim"` reads this: the same simulator instance the engine runs.
scope[gilsimGlobal] = gilsim;

self.onmessage = (event: MessageEvent) => {
  if (event.data?.type !== 'connect' || !event.ports[0]) return;
  port = event.ports[0];
  port.onmessage = (message: MessageEvent<RunnerRequest>) => handle(message.data);
  send({ type: 'ready' });
};

function send(reply: RunnerReply): void {
  port?.postMessage(reply);
}

function handle(request: RunnerRequest): void {
  const started = performance.now();
  const lines = inlineSourceMap(request.code);
  // Each `yield` reports its line first (see tagYields); operations built during it take that line.
  let currentLine: number | undefined;
  scope[lineMarker] = (line: number) => {
    currentLine = line;
    return false;
  };
  const code = lines ? tagYields(request.code, lines, lineMarker) : request.code;
  const moduleUrl = URL.createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const sourceLine = (stack: string | undefined) => {
    const frame = frameIn(stack, moduleUrl);
    return frame && lines ? { line: originalLine(lines, frame.line, frame.column), column: frame.column } : undefined;
  };
  let scenario: Scenario;
  try {
    scope[scenarioGlobal] = undefined;
    scope.importScripts(moduleUrl);
    const module = scope[scenarioGlobal] as { default?: unknown } | undefined;
    scenario = module?.default as Scenario;
    if (!scenario || (scenario as { kind?: unknown }).kind !== 'gilsim-scenario') {
      send({ type: 'error', id: request.id, error: { message: 'The module must `export default defineScenario({ ... })`.' } });
      return;
    }
  } catch (error) {
    send({ type: 'error', id: request.id, error: describeError(error, sourceLine) });
    return;
  }
  if (request.type === 'export-python') {
    try {
      const run = { ...runOptionsFor(request.variant.controls, scenario.runtime), ...request.variant.extra, maxEvents: request.maxEvents };
      send({ type: 'python', id: request.id, program: exportPython(scenario, { run }) });
    } catch (error) {
      send({ type: 'error', id: request.id, error: describeError(error, sourceLine) });
    } finally {
      URL.revokeObjectURL(moduleUrl);
    }
    return;
  }
  const runs: VariantOutcome[] = [];
  setLineResolver(lines ? () => currentLine : undefined);
  try {
    for (const [index, variant] of request.variants.entries()) {
      if (request.variants.length > 1) send({ type: 'status', id: request.id, text: `Running ${variant.label} (${index + 1} of ${request.variants.length})…` });
      try {
        const options = { ...runOptionsFor(variant.controls, scenario.runtime), ...variant.extra, maxEvents: request.maxEvents };
        runs.push({ ok: true, label: variant.label, result: runScenario(scenario, options) });
      } catch (error) {
        runs.push({ ok: false, label: variant.label, error: describeError(error, sourceLine) });
      }
    }
  } finally {
    setLineResolver(undefined);
    URL.revokeObjectURL(moduleUrl);
  }
  send({ type: 'result', id: request.id, runs, elapsedMs: performance.now() - started });
}

/** A thrown value as a message plus the scenario line it came from. */
function describeError(error: unknown, sourceLine: (stack: string | undefined) => { line?: number; column: number } | undefined): ScenarioError {
  const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : `Thrown: ${String(error)}`;
  const stacks = [error instanceof Error ? error.stack : undefined, (error as { cause?: { stack?: string } })?.cause?.stack];
  let where: { line?: number; column: number } | undefined;
  for (const stack of stacks) where ??= sourceLine(stack);
  return { message, line: where?.line, limit: error instanceof SimulationLimitError };
}
