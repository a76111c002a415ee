/**
 * One live playground, without the DOM (in the manner of Svelte's REPL state): the
 * workspace (code, settings, Reset, share links), compile → run or export, the latest
 * run superseding older ones, budgets and Run longer, and whether the result on show
 * is out of date. Each outcome (compile errors, a halted compile, Stop and the wall
 * clock, a crashed runner, a failed run, a finished one with failed variants, a Python
 * program) becomes state the page renders (`state`, after each 'change') or an event
 * it acts on once. The compiler, the runner, the controls form and the page around it
 * come in behind small interfaces, so tests drive a session with fakes. app.ts is the
 * DOM side.
 */
import { simulatorVersion as simVersion } from '../sim/index';
import { declaredRuntime, variantLabel, type RunControls } from './controls';
import type { RuntimeName } from '../sim/runtimes';
import { defaultBudget, engineLimitAdvice, longBudget, RunProgress, wallClockAdvice, type RunBudget } from './budget';
import type { CodeMarker } from './editor/code-editor';
import type { RunVariant, VariantOutcome } from './protocol';
import type { CompileResult } from './run/compiler';
import type { RunOutcome } from './run/runner';
import { openedLinkNotices, shareUrl, type DecodedShare } from './share';
import { staleNotice, type RunInputs } from './staleness';
import { programScenarioId, readRealTrace, realRunResult, realTraceLabel, realTraceMaxBytes } from '../python-export/real-trace';
import type { LabelledResult } from './result-rows';
import { Workspace } from './workspace';

/** Compiles a scenario's TypeScript (run/compiler.ts). */
export interface ScenarioCompiler {
  compile(source: string, signal?: AbortSignal): Promise<CompileResult>;
}

/** Runs compiled code in the sandbox (run/runner.ts's Runner). A new request supersedes the one in progress. */
export interface ScenarioRunner {
  run(code: string, variants: RunVariant[], budget: RunBudget): Promise<RunOutcome>;
  exportPython(code: string, variant: RunVariant): Promise<RunOutcome>;
  stop(): void;
}

/** The controls form (controls-view.ts). Reading it marks the fields that are wrong. */
export interface ControlsForm {
  read(): RunControls | undefined;
  /** The runs to make over `base` (several in compare mode); undefined when one is wrong. */
  variants(base: RunControls): RunVariant[] | undefined;
  /** The compare set in effect, '' when not comparing (staleness.ts). */
  readonly compareSet: string;
}

/** What the session needs of the page around it. */
export interface PageHooks {
  /** Where share links point. */
  location: { origin: string; pathname: string; search: string };
  /** Ask the reader before something is lost (window.confirm). */
  confirm(question: string): boolean;
  /** The URL stops naming a share link (so a reload does not reopen one the page left). */
  forgetLink(): void;
  /** Put text on the clipboard; rejects (or throws) when the browser refuses. */
  copy(text: string): Promise<void>;
  /** A millisecond clock, for "Ran in". */
  now(): number;
}

export interface SessionOptions {
  scenarioId: string;
  /** The published scenario code. */
  original: string;
  /** Where edits are saved (undefined when the browser blocks storage). */
  storage: Storage | undefined;
  /** The full playground, which opens a share link for any scenario. */
  full: boolean;
  /** The page shows a published result (made from the original) until the first run. */
  published: boolean;
  /** A share link found in the URL for this playground. */
  share?: DecodedShare;
}

/** How a run ended, as the page reports it (`data-outcome`). */
export type Outcome = 'done' | 'runtime-error' | 'compile-error' | 'stopped' | 'crashed' | 'internal-error';

/** The list under the editor: errors, or notes (a link opened, a damaged saved edit). */
export interface Messages {
  kind: 'error' | 'note';
  items: readonly string[];
}

/** Everything the page shows of the session. A new `markers` or `messages` object means they changed. */
export interface SessionState {
  /** The status line. */
  status: string;
  messages: Messages;
  /** Marked in the editor. */
  markers: readonly CodeMarker[];
  /** A run is in progress (Stop works, Run waits). */
  running: boolean;
  /** Offer Run longer: the last run hit a limit the long budget raises. */
  runLonger: boolean;
  /** There are runs to export. */
  exportable: boolean;
  /** How many runs have finished. */
  runs: number;
  /** The code or settings differ from the published scenario (the badge). */
  modified: boolean;
  /** A share link's code is on show (the link bar). */
  fromLink: boolean;
  /** While a link is open: the reader has a saved edit of their own, kept apart. */
  ownEdit: boolean;
  canUndoReset: boolean;
  /** The runtime the code names (which interval control is in effect). */
  scenarioRuntime: RuntimeName | undefined;
  /** Which result is on show: the published one, the last run's, or none. */
  result: 'published' | 'live' | 'none';
  /** Why that result no longer matches the code and settings, if it does not. */
  stale: string | undefined;
}

export type SessionEvent =
  /** `state` changed: render it. */
  | { type: 'change' }
  /** Put this code and these settings into the editor and the form (Reset, Undo reset, a link). */
  | { type: 'workspace'; code: string; controls: RunControls }
  /** A run finished: draw its outcomes (one per variant). */
  | { type: 'results'; runs: readonly VariantOutcome[] }
  /** A run ended this way (after `results` and the state it leaves). */
  | { type: 'outcome'; outcome: Outcome }
  /** A share link was made: show it, ready to copy. */
  | { type: 'share'; url: string }
  /** A real run's trace was loaded (`loadRealTrace`): draw it beside the runs on show. */
  | { type: 'real-run'; run: LabelledResult };

/** A file the reader chose or dropped (a DOM `File` has these). */
export interface ChosenFile {
  name: string;
  size: number;
  text(): Promise<string>;
}

const noMarkers: readonly CodeMarker[] = [];
const noMessages: Messages = { kind: 'note', items: [] };
const plural = (count: number, noun: string) => `${count} ${noun}${count === 1 ? '' : 's'}`;
const stoppedText = 'Stopped. Edit and Run again.';
const noSaving = 'This browser does not let the page save your edit; it will be lost on reload.';

/** What a compile is for: the words for a failure, and whether it ends a run. */
const compileFailure = {
  run: { errors: (count: number) => `The scenario does not compile (${plural(count, 'error')}).`, halted: 'The scenario could not be compiled.' },
  export: { errors: () => 'The scenario does not compile, so it cannot be exported.', halted: 'The scenario could not be compiled, so it cannot be exported.' },
  trace: { errors: () => 'The scenario does not compile, so a real trace cannot be matched to it.', halted: 'The scenario could not be compiled, so a real trace cannot be matched to it.' },
} as const;

type Shown = Pick<SessionState, 'status' | 'messages' | 'markers' | 'running' | 'runLonger' | 'exportable' | 'runs'>;

export class PlaygroundSession {
  readonly scenarioId: string;
  readonly #workspace: Workspace;
  readonly #full: boolean;
  readonly #published: boolean;
  readonly #compiler: ScenarioCompiler;
  readonly #runner: ScenarioRunner;
  readonly #form: ControlsForm;
  readonly #page: PageHooks;
  readonly #listeners = new Set<(event: SessionEvent) => void>();
  readonly #progress = new RunProgress((text) => this.#show({ status: text }));
  #view: Shown = { status: '', messages: noMessages, markers: noMarkers, running: false, runLonger: false, exportable: false, runs: 0 };
  /** What the result on show was made from: at first the published result, built from the original. */
  #shown: { inputs: RunInputs; published: boolean };
  /** The latest run or export: an older one's late outcome is ignored. */
  #latest = 0;
  /** Compiles in flight, which Stop ends. */
  readonly #compiles = new Set<AbortController>();

  constructor(options: SessionOptions, parts: { compiler: ScenarioCompiler; runner: ScenarioRunner; form: ControlsForm; page: PageHooks }) {
    this.scenarioId = options.scenarioId;
    this.#full = options.full;
    this.#published = options.published;
    this.#compiler = parts.compiler;
    this.#runner = parts.runner;
    this.#form = parts.form;
    this.#page = parts.page;
    this.#workspace = new Workspace(options.scenarioId, options.original, options.storage);
    this.#shown = { inputs: { code: this.#workspace.original, controls: {}, compare: this.#form.compareSet }, published: true };
    const link = options.share ? this.#openLink(options.share) : { opened: false, notices: [] };
    const notices = [...this.#workspace.loaded.problems, ...link.notices];
    this.#view = {
      ...this.#view,
      messages: notices.length ? { kind: 'note', items: notices } : noMessages,
      status: this.#workspace.loaded.restored && !this.#workspace.fromLink ? 'Your edit from last time is back (Reset restores the original).' : '',
    };
  }

  /** The code on show (the editor starts with it). */
  get code(): string {
    return this.#workspace.code;
  }

  /** The settings on show (the form starts with them). */
  get controls(): RunControls {
    return this.#workspace.controls;
  }

  get state(): SessionState {
    const workspace = this.#workspace;
    const result = this.#shown.published ? (this.#published ? 'published' : 'none') : 'live';
    return {
      ...this.#view,
      modified: workspace.modified,
      fromLink: workspace.fromLink,
      ownEdit: workspace.fromLink && workspace.hasOwnEdit,
      canUndoReset: workspace.canUndoReset,
      scenarioRuntime: declaredRuntime(workspace.code),
      result,
      stale: result === 'none' ? undefined : staleNotice(this.#shown.inputs, this.#inputs(), this.#shown.published),
    };
  }

  /** Hear every change and event; returns the way to stop. */
  subscribe(listener: (event: SessionEvent) => void): () => void {
    this.#listeners.add(listener);
    return () => this.#listeners.delete(listener);
  }

  // ---- the reader's actions ----

  /** The reader changed the code in the editor. */
  edit(code: string): void {
    this.#workspace.setCode(code);
    this.#show(this.#workspace.saving ? {} : { status: noSaving });
  }

  /** The reader changed the form (wrong values are marked there and not kept). */
  controlsChanged(): void {
    const value = this.#form.read();
    if (value) this.#workspace.setControls(value);
    this.#show({});
  }

  /** Compile and run the code under the form's settings (each compare run); supersedes a run in progress. */
  async run(budget: RunBudget = defaultBudget): Promise<void> {
    const base = this.#form.read();
    if (!base) return this.#show({ status: 'Fix the settings marked beside the controls, then Run.' });
    const variants = this.#form.variants(base);
    if (!variants) return this.#show({ status: 'Fix the compare runs marked in red, then Run.' });
    const current = this.#begin();
    const ran: RunInputs = { ...this.#inputs(), controls: base };
    this.#show({ running: true, runLonger: false, status: 'Compiling…' });
    const started = this.#page.now();
    try {
      const code = await this.#compile(ran.code, 'run', current);
      if (code === undefined) return;
      this.#show({ markers: noMarkers, messages: noMessages, status: variants.length > 1 ? `Running ${variants.length} runs…` : 'Running…' });
      if (budget !== defaultBudget) this.#progress.startLong(budget);
      const outcome = await this.#runner.run(code, variants, budget);
      if (!current()) return;
      this.#ranTo(outcome, ran, budget, ((this.#page.now() - started) / 1000).toFixed(2));
    } catch (error) {
      if (!current()) return;
      this.#show({ status: `Could not run: ${String(error)}` });
      this.#emit({ type: 'outcome', outcome: 'internal-error' });
    } finally {
      if (current()) {
        this.#progress.end();
        this.#show({ running: false });
      }
    }
  }

  /** Run again with the larger budget (the Run longer button). */
  runLonger(): Promise<void> {
    return this.run(longBudget);
  }

  /** End the compile or run in progress. */
  stop(): void {
    for (const compile of this.#compiles) compile.abort();
    this.#runner.stop();
  }

  /**
   * The scenario, with the form's settings, as a Python program (the exporter runs it in
   * the sandbox); undefined, with the reason shown, when there is none.
   */
  async exportPython(): Promise<string | undefined> {
    const program = await this.#program('Writing the Python program…', 'Could not export the scenario.', 'export');
    if (program !== undefined) {
      this.#show({ status: 'Python program saved: run it with the Python the scenario simulates; it prints the same metrics as JSON (add --trace FILE for its timeline).' });
    }
    return program;
  }

  /**
   * Draw a real run's trace (what an exported program writes with --trace FILE) beside the
   * runs on show. Refused, with the reason, and the results kept: a file too large, not
   * JSON, not a trace, or of another scenario or other settings (its scenario id is not
   * the one this scenario exports with the form's settings now).
   */
  async loadRealTrace(file: ChosenFile): Promise<void> {
    const refuse = (message: string) => this.#show({ messages: { kind: 'error', items: [message] }, status: 'Could not load the real trace.' });
    if (file.size > realTraceMaxBytes) {
      return refuse(`${file.name.slice(0, 80)} is ${(file.size / 1024 / 1024).toFixed(1)} MB; a real trace may be at most ${realTraceMaxBytes / 1024 / 1024} MB.`);
    }
    let text: string;
    try {
      text = await file.text();
    } catch {
      return refuse(`${file.name.slice(0, 80)} could not be read.`);
    }
    const shape = readRealTrace(text, { bytes: file.size });
    if (!shape.ok) return refuse(shape.message);
    const program = await this.#program('Checking that the trace is of this scenario…', 'Could not load the real trace.', 'trace');
    if (program === undefined) return;
    const read = readRealTrace(text, { bytes: file.size, expectScenarioId: programScenarioId(program) ?? '' });
    if (!read.ok) return refuse(read.message);
    const label = realTraceLabel(read.trace);
    this.#emit({ type: 'real-run', run: { label, result: realRunResult(read.trace) } });
    this.#show({ messages: noMessages, status: `Loaded the real run: ${label}. Run again to drop it.` });
  }

  /** The scenario exported with the form's settings, for a download or to read its scenario id. */
  async #program(working: string, failed: string, purpose: keyof typeof compileFailure): Promise<string | undefined> {
    const base = this.#form.read();
    if (!base) {
      this.#show({ status: `Fix the settings marked beside the controls, then ${purpose === 'export' ? 'export' : 'load the trace'}.` });
      return undefined;
    }
    // The export takes over the runner: a run in progress ends here (the runner supersedes it).
    const current = this.#begin();
    this.#show({ running: false, status: working });
    const code = await this.#compile(this.#workspace.code, purpose, current);
    if (code === undefined) return undefined;
    const outcome = await this.#runner.exportPython(code, { label: variantLabel(base, { scenarioRuntime: declaredRuntime(this.#workspace.code) }), controls: base });
    if (!current()) return undefined;
    if (outcome.kind === 'python') return outcome.program;
    this.#show({ ...(outcome.kind === 'failed' ? this.#errorAt(outcome.error.message, outcome.error.line) : {}), status: failed });
    return undefined;
  }

  /** Back to the published scenario (Undo reset brings the code back). */
  reset(): void {
    this.#workspace.reset();
    this.#showWorkspace();
    this.#show({
      status: this.#workspace.fromLink
        ? 'Back to the original scenario. Undo reset brings the shared code back; your own edit is untouched.'
        : 'Back to the original scenario. Undo reset (or Ctrl+Z in the editor) brings your edit back.',
    });
  }

  undoReset(): void {
    if (!this.#workspace.undoReset()) return;
    this.#showWorkspace();
    this.#show({ status: this.#workspace.fromLink ? 'The shared code is back.' : 'Your edit is back.' });
  }

  /** Make a link with the code and settings, show it, and copy it. */
  async share(): Promise<void> {
    const value: RunControls = this.#form.read() ?? {};
    const link = shareUrl(this.#page.location, { scenarioId: this.scenarioId, code: this.#workspace.code, controls: value, simVersion, seed: value.seed });
    if (!link.ok) return this.#show({ status: link.message });
    this.#emit({ type: 'share', url: link.url });
    try {
      await this.#page.copy(link.url);
      this.#show({ status: 'Link copied. Whoever opens it sees this code and presses Run themselves.' });
    } catch {
      this.#show({ status: 'Copy the link from the box below.' });
    }
  }

  /** Open a share link that arrived later (the hash changed): show its code; nothing runs. */
  openShare(share: DecodedShare): void {
    const link = this.#openLink(share);
    if (link.opened) this.#showWorkspace();
    this.#show({ ...(link.opened ? { status: '' } : {}), messages: { kind: 'note', items: link.notices } });
  }

  /** Keep the shared code as the reader's own edit (asks first when that replaces one). */
  keepLink(): void {
    const workspace = this.#workspace;
    if (workspace.hasOwnEdit && !this.#page.confirm('Replace your saved edit of this scenario with this shared code? Your edit will be lost.')) return;
    const saved = workspace.keepAsOwn();
    this.#page.forgetLink();
    this.#show({ status: saved ? 'This code is now your edit of the scenario.' : noSaving });
  }

  /** Back from the link to the reader's own edit (or the original). */
  leaveLink(): void {
    const loaded = this.#workspace.leaveLink();
    this.#page.forgetLink();
    this.#showWorkspace();
    this.#show({
      messages: { kind: 'note', items: loaded.problems },
      status: loaded.restored ? 'Your own edit is back; changes to the shared code stay saved with its link.' : 'Back to the original scenario.',
    });
  }

  /** A step the runner reported ("Running X (1 of 2)…"). */
  runnerStep(text: string): void {
    this.#progress.step(text);
  }

  // ---- inside ----

  /** A share link for this scenario (or any, on the full playground) shows its code and waits for Run. */
  #openLink(share: DecodedShare): { opened: boolean; notices: string[] } {
    if (share.kind === 'none') return { opened: false, notices: [] };
    if (share.kind === 'invalid') return { opened: false, notices: [share.message] };
    const { shared, dropped } = share;
    if (shared.scenarioId !== this.scenarioId && !this.#full) {
      return { opened: false, notices: [`This share link is for another scenario ("${shared.scenarioId.slice(0, 80)}"), which is not on this page.`] };
    }
    const loaded = this.#workspace.openLink(shared.code, shared.controls);
    return { opened: true, notices: [...openedLinkNotices(shared, dropped, { simVersion, restored: loaded.restored }), ...loaded.problems] };
  }

  /** What the page holds now, as staleness compares it. */
  #inputs(): RunInputs {
    return { code: this.#workspace.code, controls: this.#workspace.controls, compare: this.#form.compareSet };
  }

  /** A new run or export: the one before it no longer counts. Returns "is this one still the latest?". */
  #begin(): () => boolean {
    const token = ++this.#latest;
    this.#progress.end();
    return () => token === this.#latest;
  }

  /**
   * Compile for a run or an export; the code, or undefined once the reason is shown:
   * every compile failure is marked and worded here, and ends a run with its outcome.
   * Nothing is shown for a compile a newer run or export superseded.
   */
  async #compile(source: string, purpose: keyof typeof compileFailure, current: () => boolean): Promise<string | undefined> {
    const stop = new AbortController();
    this.#compiles.add(stop);
    let compiled: CompileResult;
    try {
      compiled = await this.#compiler.compile(source, stop.signal);
    } finally {
      this.#compiles.delete(stop);
    }
    if (!current()) return undefined;
    if (compiled.ok) return compiled.code;
    const words = compileFailure[purpose];
    let outcome: Outcome = 'compile-error';
    if (compiled.halted) {
      const stopped = compiled.halted.reason === 'stop';
      if (stopped) outcome = 'stopped';
      this.#show({ markers: noMarkers, messages: { kind: 'error', items: stopped ? [] : [compiled.halted.message] }, status: stopped ? stoppedText : words.halted });
    } else {
      this.#show({
        markers: compiled.errors.map((error) => ({ ...error, severity: 'error' })),
        messages: { kind: 'error', items: compiled.errors.map((error) => `Line ${error.line}, column ${error.column}: ${error.message}`) },
        status: words.errors(compiled.errors.length),
      });
    }
    if (purpose === 'run') this.#emit({ type: 'outcome', outcome });
    return undefined;
  }

  /** Show how a run ended. */
  #ranTo(outcome: RunOutcome, ran: RunInputs, budget: RunBudget, seconds: string): void {
    if (outcome.kind === 'stopped') {
      if (outcome.reason === 'superseded') return;
      const advice = outcome.reason === 'timeout' ? wallClockAdvice(outcome.afterMs, budget) : undefined;
      this.#show({ status: advice?.text ?? stoppedText, runLonger: advice?.runLonger ?? false });
      return this.#emit({ type: 'outcome', outcome: 'stopped' });
    }
    if (outcome.kind === 'crashed') {
      this.#show({
        messages: { kind: 'error', items: ['The runner crashed (out of memory?): the scenario may allocate too much. The page is fine; edit and Run again.'] },
        status: 'The runner crashed (out of memory?).',
      });
      return this.#emit({ type: 'outcome', outcome: 'crashed' });
    }
    if (outcome.kind !== 'done') {
      this.#show({ ...(outcome.kind === 'failed' ? this.#errorAt(outcome.error.message, outcome.error.line) : {}), status: 'The scenario failed.' });
      return this.#emit({ type: 'outcome', outcome: 'runtime-error' });
    }
    this.#emit({ type: 'results', runs: outcome.runs });
    this.#shown = { inputs: ran, published: false };
    const failures = outcome.runs.flatMap((run) => (run.ok ? [] : [run]));
    const first = failures[0];
    const advice = first && engineLimitAdvice(first.error, budget);
    this.#show({
      ...(first ? this.#errorAt(`${first.label}: ${advice?.text ?? first.error.message}`, first.error.line) : {}),
      runLonger: advice?.runLonger ?? false,
      status: failures.length ? `${failures.length} of ${plural(outcome.runs.length, 'run')} failed.` : `Ran in ${seconds} s.`,
      exportable: failures.length < outcome.runs.length,
      runs: this.#view.runs + 1,
    });
    this.#emit({ type: 'outcome', outcome: failures.length ? 'runtime-error' : 'done' });
  }

  /** A runtime error: marked at its line when it has one. */
  #errorAt(message: string, line: number | undefined): Pick<Shown, 'markers' | 'messages'> {
    return {
      markers: line ? [{ message, line, column: 1, severity: 'error' }] : noMarkers,
      messages: { kind: 'error', items: [line ? `Line ${line}: ${message}` : message] },
    };
  }

  /** The workspace changed under the editor and the form: put it there. */
  #showWorkspace(): void {
    this.#emit({ type: 'workspace', code: this.#workspace.code, controls: this.#workspace.controls });
  }

  #show(change: Partial<Shown>): void {
    this.#view = { ...this.#view, ...change };
    this.#emit({ type: 'change' });
  }

  #emit(event: SessionEvent): void {
    for (const listener of this.#listeners) listener(event);
  }
}
