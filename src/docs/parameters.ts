/**
 * The simulator's parameters as the "How the simulator works" page lists them:
 * the description comes from the TSDoc of `SimParams` (src/sim/params.ts), the
 * default from the default runtime's preset, and the source from the table below,
 * which mirrors the comments next to each default in src/sim/runtimes.ts with
 * links a reader can follow. Confidence tags: [P] primary, [S] secondary,
 * [M] measured on this project's machine kind, [F] fitted, [U] estimate.
 */

import ts from 'typescript';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { defaultRuntime, presetParams, runtimeNames, runtimes, type SimParams } from '../sim/index';
import { extractApi, apiEntry } from './tsdoc';

/** Where a default comes from: a sentence and, when there is one, a link. */
export interface ParameterSource {
  tag: 'P' | 'S' | 'M' | 'F' | 'U' | '—';
  text: string;
  href?: string;
}

// Measured on this project's machine kind; the scripts and raw figures are in the reference notes (gil-facts.md).
const measured = (text: string): ParameterSource => ({ tag: 'M', text });

/**
 * Curated sources, with a link where there is one. The page prefers the comment
 * beside each default in src/sim/runtimes.ts (see `defaultComments`), so it
 * follows the code as defaults are re-fitted; these supply the links, and the
 * text for parameters whose default has no comment.
 */
export const parameterSources: Partial<Record<keyof SimParams, ParameterSource>> = {
  cpus: { tag: 'M', text: 'the machine kind this project measured on: a 2-vCPU Linux guest' },
  seed: { tag: '—', text: 'any number; the same seed gives the same trace' },
  runtime: { tag: '—', text: 'the preset; see the runtimes table below' },
  gil: { tag: 'P', text: 'old GIL to 3.1, new GIL from 3.2, none in free-threaded builds', href: 'https://github.com/python/cpython/blob/main/Python/ceval_gil.c' },
  bytecodeNs: measured('a counting loop timed per version: 1.8 ns (2.7), 3.2 (3.9), 2.9 (3.11), 2.6 (3.12, 3.13); 2.2, 3.1, 3.2 and 3.14 are estimates'),
  freeThreadedOverhead: {
    tag: 'P',
    text: '3.13t "about 40%"; 3.14t "1% on macOS aarch64 to 8% on x86-64 Linux" (free-threading HOWTO)',
    href: 'https://docs.python.org/3.14/howto/free-threading-python.html',
  },
  checkInterval: { tag: 'P', text: '_Py_CheckInterval = 10 until 2.2, 100 from 2.3', href: 'https://www.python.org/pipermail/python-checkins/2002-September/029362.html' },
  ticksPerBytecode: measured('9 bytecodes per count() turn are 3 ticks in 2.7.18'),
  gilReleaseNs: measured('uncontended sem_post + sem_wait + two thread-state swaps, about 21 ns'),
  switchIntervalMs: { tag: 'P', text: '#define DEFAULT_INTERVAL 5000 (µs) in ceval_gil.c', href: 'https://github.com/python/cpython/blob/main/Python/ceval_gil.c' },
  evalBreakerBytecodes: { tag: 'P', text: '"every 5 or so times through the loop" (3.2–3.9); back edges and calls since 2021', href: 'https://github.com/python/cpython/blob/main/Python/ceval_gil.c' },
  perInterpreterGil: { tag: 'P', text: 'PEP 684, one GIL per interpreter from 3.12', href: 'https://peps.python.org/pep-0684/' },
  platform: { tag: 'P', text: 'Linux: a POSIX semaphore; macOS: mutex + condition variable (thread_pthread.h)', href: 'https://github.com/python/cpython/blob/2.7/Python/thread_pthread.h' },
  wakeLatencyUs: { tag: 'F', text: 'fitted to the 1.5× old-GIL slowdown on 2 CPUs; bare-metal condvar hand-off measured at 1.8 µs, VMs 2–8 µs' },
  contextSwitchUs: { tag: 'S', text: '2.26–2.32 µs per thread switch in a VMware guest', href: 'https://ddumbying.vercel.app/experiments/ctx-switch-overhead' },
  timeSliceMs: measured('two threads pinned to one CPU switch about every 4 ms (~600 futex calls per 1.2 s run)'),
  wakeupGranularityMs: { tag: 'P', text: 'Linux sched_wakeup_granularity_ns, 1 ms by default', href: 'https://github.com/torvalds/linux/blob/master/kernel/sched/fair.c' },
  sleeperCreditMs: { tag: 'P', text: 'CFS places a waking task at most sched_latency / 2 = 3 ms behind (GENTLE_FAIR_SLEEPERS, place_entity)', href: 'https://github.com/torvalds/linux/blob/master/kernel/sched/fair.c' },
  signalUs: { tag: 'F', text: 'futex wake / condition signal cost, fitted (macOS value to Beazley 2010\'s single-CPU slowdown)' },
  acquireAttemptUs: { tag: 'F', text: 'a woken waiter\'s try and futex_wait back to sleep, fitted' },
  cacheMigrationUs: { tag: 'F', text: 'cold caches when Python moves to the other CPU, fitted to the 1.5× slowdown (model notes)' },
  threadStartUs: { tag: 'U', text: 'pthread_create plus thread bootstrap, estimated' },
  interpreterStartMs: { tag: 'U', text: 'estimated; benchmarks put it well under a process start' },
  processStartMs: measured('multiprocessing trivial start + join, 3.12.1 medians: fork 1.7 ms, forkserver 24 ms, spawn 85 ms'),
  defaultStartMethod: { tag: 'P', text: 'fork on Linux; forkserver from 3.14 (What\'s New in 3.14)', href: 'https://docs.python.org/3.14/whatsnew/3.14.html' },
  pickleNsPerByte: measured('a 1 MB pipe round trip with pickling takes 2.4 ms, about 1.2 ns per byte each way'),
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

/** "[M gil-facts §5]" → "[M]": the reference notes are not published with the site. */
export function withoutNoteReferences(comment: string): string {
  return comment.replace(/\[([PSMFU])\s+(?:gil-facts|model-notes)[^\]]*\]/g, '[$1]');
}

const commentTag = (comment: string): ParameterSource['tag'] => {
  const tag = /\[([PSMFU])\b/.exec(comment)?.[1];
  return (tag as ParameterSource['tag'] | undefined) ?? '—';
};

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
    // The comment beside the default is what the code says today; the curated entry adds the link.
    const comment = comments.get(name);
    const curated = parameterSources[name];
    const source: ParameterSource = comment
      ? { tag: commentTag(comment), text: withoutNoteReferences(comment), href: curated?.href }
      : curated ?? { tag: '—', text: 'not documented yet' };
    return { name, description: member.doc, value: format(defaults[name]), source };
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
