/**
 * The runner worker: runs the reader's compiled scenario on the simulator. Vite
 * bundles it together with the simulator; the page fetches that bundle, seals it in
 * a strict function (runner-frame.ts) and starts it from a blob URL inside a
 * sandboxed iframe (opaque origin, no network), so scenario code has no access to
 * the site's storage, cookies, DOM or the network.
 *
 * One worker serves one request and is then thrown away with its iframe, so nothing
 * a scenario leaves behind (timers, promise loops, replaced globals or prototypes)
 * reaches the next run. The port to the page lives only in closures here, and the
 * reply is sent with functions taken before the scenario is loaded: a scenario can
 * misreport its own run at most (it is code the reader can read), and the page
 * checks every reply's shape and size (protocol.ts).
 */
import * as gilsim from '../../sim/index';
import { runScenario, setLineResolver, SimulationLimitError, type Scenario } from '../../sim/index';
import { runOptionsFor } from '../controls';
import { exportPython } from '../../python-export/python';
import { clip, pythonMessage, resultMessage, type RunnerMessage, type RunnerRequest, type ScenarioError, type VariantOutcome } from '../protocol';
import { frameIn, inlineSourceMap, originalLine, tagYields } from './source-lines';

import { gilsimGlobal, scenarioGlobal } from './compiler-globals';

/** Global the tagged scenario calls at each `yield` with its line. */
const lineMarker = '__gilAt';
const scope = self as unknown as Record<string, unknown> & { importScripts(url: string): void };
// Taken before any scenario code runs (the scenario may replace the globals for its own run).
const importScripts = scope.importScripts.bind(scope);
const now = performance.now.bind(performance);
const createObjectURL = URL.createObjectURL;
// The scenario's `import … from "gilsim"` reads this: the same simulator instance the engine runs.
scope[gilsimGlobal] = gilsim;

self.onmessage = (event: MessageEvent) => {
  const port = event.ports[0];
  if (event.data?.type !== 'connect' || !port) return;
  self.onmessage = null; // one connection per worker
  const send = port.postMessage.bind(port) as (message: RunnerMessage) => void;
  port.onmessage = (message: MessageEvent<RunnerRequest>) => {
    port.onmessage = null; // one request per worker
    send(handle(message.data, send));
  };
  send({ type: 'ready' });
};

/** Run one request; progress goes out through `send`, the final message is returned. */
function handle(request: RunnerRequest, send: (message: RunnerMessage) => void): RunnerMessage {
  const started = now();
  const lines = inlineSourceMap(request.code);
  // Each `yield` reports its line first (see tagYields); operations built during it take that line.
  let currentLine: number | undefined;
  scope[lineMarker] = (line: number) => {
    currentLine = line;
    return false;
  };
  const code = lines ? tagYields(request.code, lines, lineMarker) : request.code;
  const moduleUrl = createObjectURL(new Blob([code], { type: 'text/javascript' }));
  const sourceLine = (stack: string | undefined) => {
    const frame = frameIn(stack, moduleUrl);
    return frame && lines ? { line: originalLine(lines, frame.line, frame.column), column: frame.column } : undefined;
  };
  let scenario: Scenario;
  try {
    scope[scenarioGlobal] = undefined;
    importScripts(moduleUrl);
    const module = scope[scenarioGlobal] as { default?: unknown } | undefined;
    scenario = module?.default as Scenario;
    if (!scenario || (scenario as { kind?: unknown }).kind !== 'gilsim-scenario') {
      return { type: 'error', id: request.id, error: { message: 'The module must `export default defineScenario({ ... })`.' } };
    }
  } catch (error) {
    return { type: 'error', id: request.id, error: describeError(error, sourceLine) };
  }
  if (request.type === 'export-python') {
    try {
      const run = { ...runOptionsFor(request.variant.controls, scenario.runtime), ...request.variant.extra, maxEvents: request.maxEvents };
      return pythonMessage(request.id, exportPython(scenario, { run }));
    } catch (error) {
      return { type: 'error', id: request.id, error: describeError(error, sourceLine) };
    }
  }
  const runs: VariantOutcome[] = [];
  setLineResolver(lines ? () => currentLine : undefined);
  try {
    for (const [index, variant] of request.variants.entries()) {
      if (request.variants.length > 1) send({ type: 'status', id: request.id, text: clip(`Running ${variant.label} (${index + 1} of ${request.variants.length})…`) });
      try {
        const options = { ...runOptionsFor(variant.controls, scenario.runtime), ...variant.extra, maxEvents: request.maxEvents };
        runs.push({ ok: true, label: variant.label, result: runScenario(scenario, options) });
      } catch (error) {
        runs.push({ ok: false, label: variant.label, error: describeError(error, sourceLine) });
      }
    }
  } finally {
    setLineResolver(undefined);
  }
  return resultMessage(request.id, { runs, elapsedMs: now() - started });
}

/** A thrown value as a message plus the scenario line it came from. Never throws, whatever was thrown. */
function describeError(error: unknown, sourceLine: (stack: string | undefined) => { line?: number; column: number } | undefined): ScenarioError {
  try {
    const message = error instanceof Error ? `${error.name === 'Error' ? '' : `${error.name}: `}${error.message}` : `Thrown: ${String(error)}`;
    const stacks = [error instanceof Error ? error.stack : undefined, (error as { cause?: { stack?: string } })?.cause?.stack];
    let where: { line?: number; column: number } | undefined;
    for (const stack of stacks) where ??= sourceLine(typeof stack === 'string' ? stack : undefined);
    return { message: clip(String(message)), line: where?.line, limit: error instanceof SimulationLimitError };
  } catch {
    return { message: 'The scenario threw a value that cannot be shown.' };
  }
}
