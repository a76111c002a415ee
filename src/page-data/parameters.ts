/**
 * The simulator's parameters as the "How the simulator works" page lists them:
 * the description comes from the TSDoc of `SimParams` (src/sim/params.ts), the
 * default from the default runtime's preset, and the source from the comment
 * beside each default in src/sim/runtimes.ts, or from the table below for the
 * few defaults that have none. Sources are cited as `[TAG sources:key]`
 * (src/page-data/sources.ts); the page links each key to its entry on the Sources page
 * (docs/sources.md). Tags: P primary, S secondary, M measured on this project's
 * machine kind, F fitted, U unverified.
 */

import ts from 'typescript';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultRuntime, presetParams, runtimeNames, runtimes, type SimParams } from '../sim/index';
import { extractApi, apiEntry } from './tsdoc';
import { firstTagIn, type SourceTag } from './sources';

/** Where a default comes from: the tag of its first citation ('—' for a choice, not a figure) and the sentence citing it. */
export interface ParameterSource {
  tag: SourceTag | '—';
  /** Plain text with `[TAG sources:key]` citations; render it with `citationHtml`. */
  text: string;
}

/**
 * Sources of the defaults that have no comment beside them in src/sim/runtimes.ts
 * (they come from the presets or are choices). A default with a comment takes its
 * source from the comment, so it follows the code as defaults are re-fitted.
 */
export const parameterSources: Partial<Record<keyof SimParams, string>> = {
  cpus: 'the 2 vCPUs of the machines this project measured on',
  seed: 'any number; the same seed gives the same trace',
  runtime: 'the preset; see the runtimes table below',
  gil: 'old GIL to 3.1, new GIL from 3.2, none in free-threaded builds [P sources:cpython-old-gil-ceval, sources:cpython-ceval-gil, sources:pep-703]',
  bytecodeNs: 'a counting loop timed per version: 1.8 ns (2.7), 3.2 (3.9), 2.9 (3.11), 2.6 (3.12, 3.13); 2.2, 3.1, 3.2 and 3.14 are estimates [M sources:m-bytecode-cost]',
  freeThreadedOverhead: '3.13t "about 40%"; 3.14t "1% on macOS aarch64 to 8% on x86-64 Linux" (free-threading HOWTO) [P sources:free-threading-howto-313, sources:free-threading-howto-314]',
  checkInterval: '_Py_CheckInterval = 10 until 2.2, 100 from 2.3 [P sources:cpython-checkinterval-2002]',
  perInterpreterGil: 'PEP 684, one GIL per interpreter from 3.12 [P sources:pep-684]',
  platform: 'Linux: a POSIX semaphore; macOS: mutex + condition variable (thread_pthread.h) [P sources:cpython-old-gil-lock]',
  defaultStartMethod: "fork on Linux; forkserver from 3.14 (What's New in 3.14) [P sources:whatsnew-314]",
  queuePutBytecodes: 'uncontended calls timed against the counting loop: 3.12.1 put 247, get 280, set 213, wait 129; 2.7.18 put 452, get 430, set 645, wait 221 bytecodes; other 3.x versions take the 3.12 figures [M sources:m-sync-python-cost]',
  queueGetBytecodes: 'uncontended calls timed against the counting loop: 3.12.1 put 247, get 280, set 213, wait 129; 2.7.18 put 452, get 430, set 645, wait 221 bytecodes; other 3.x versions take the 3.12 figures [M sources:m-sync-python-cost]',
  eventSetBytecodes: 'uncontended calls timed against the counting loop: 3.12.1 put 247, get 280, set 213, wait 129; 2.7.18 put 452, get 430, set 645, wait 221 bytecodes; other 3.x versions take the 3.12 figures [M sources:m-sync-python-cost]',
  eventWaitBytecodes: 'uncontended calls timed against the counting loop: 3.12.1 put 247, get 280, set 213, wait 129; 2.7.18 put 452, get 430, set 645, wait 221 bytecodes; other 3.x versions take the 3.12 figures [M sources:m-sync-python-cost]',
};

/**
 * The `// …` comments above each default in src/sim/runtimes.ts (in
 * `machineDefaults` and in what `presetParams` fills in), keyed by parameter name.
 */
export function defaultComments(file = path.join(process.cwd(), 'src/sim/runtimes.ts')): Map<string, string> {
  const text = readFileSync(file, 'utf8');
  const source = ts.createSourceFile(file, text, ts.ScriptTarget.ES2022, true);
  const comments = new Map<string, string>();
  // Only the shared defaults and what presetParams fills in: machine profiles and
  // presets carry comments on the same names that are not the defaults' sources.
  const isDefaultsHolder = (node: ts.Node) =>
    (ts.isVariableDeclaration(node) && node.name.getText() === 'machineDefaults')
    || (ts.isFunctionDeclaration(node) && node.name?.text === 'presetParams');
  const visit = (node: ts.Node): void => {
    if (ts.isPropertyAssignment(node) && ts.isIdentifier(node.name)) {
      const lines = (ts.getLeadingCommentRanges(text, node.getFullStart()) ?? [])
        .map((range) => text.slice(range.pos, range.end))
        .filter((comment) => comment.startsWith('//'))
        .map((comment) => comment.replace(/^\/\/\s?/, '').trim());
      if (lines.length > 0 && !comments.has(node.name.text)) comments.set(node.name.text, lines.join(' '));
    }
    ts.forEachChild(node, visit);
  };
  const findHolders = (node: ts.Node): void => (isDefaultsHolder(node) ? visit(node) : ts.forEachChild(node, findHolders));
  findHolders(source);
  return comments;
}

/** A row of the parameter table. */
export interface ParameterRow {
  name: keyof SimParams;
  /** From the `SimParams` TSDoc. */
  description: string;
  /** The default runtime's value, formatted. */
  value: string;
  source: ParameterSource;
}

function format(value: unknown): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : String(Number(value.toPrecision(3)));
  if (typeof value === 'object' && value !== null) {
    return Object.entries(value).map(([key, item]) => `${key} ${format(item)}`).join(', ');
  }
  return String(value);
}

/** Every parameter of `SimParams`, in declaration order, with the default runtime's values. */
export function parameterRows(): ParameterRow[] {
  const defaults = presetParams(defaultRuntime);
  const comments = defaultComments();
  return apiEntry('SimParams', extractApi()).members.map((member) => {
    const name = member.name as keyof SimParams;
    // The comment beside the default is what the code says today.
    const text = comments.get(name) ?? parameterSources[name] ?? 'not documented yet';
    return { name, description: member.doc, value: format(defaults[name]), source: { tag: firstTagIn(text) ?? '—', text } };
  });
}

/** A row of the runtimes table: what each preset changes. */
export interface RuntimeRow {
  name: string;
  label: string;
  gil: string;
  bytecodeNs: number;
  overhead: string;
  checkInterval: string;
  source: string;
}

/** Every runtime preset with the values that differ between them. */
export function runtimeRows(): RuntimeRow[] {
  return runtimeNames.map((name) => {
    const params = presetParams(name);
    return {
      name,
      label: runtimes[name].label,
      gil: params.gil,
      bytecodeNs: params.bytecodeNs,
      overhead: params.freeThreadedOverhead === 1 ? '—' : `×${params.freeThreadedOverhead}`,
      checkInterval: params.gil === 'old' ? String(params.checkInterval) : '—',
      source: runtimes[name].source,
    };
  });
}
