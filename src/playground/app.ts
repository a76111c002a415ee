/**
 * The playground, composed: turns a `<gil-playground>` (static code + static result)
 * into the live one: editor, controls, compile → run → results, persistence,
 * share and export. This file only wires pieces together; each piece lives in
 * its own module.
 */
import { simulatorVersion as simVersion } from '../sim/index';
import { declaredRuntime, parseVariantSpecs, variantLabel, type RunControls } from './controls';
import { engineLimitAdvice, longBudget, RunProgress, wallClockAdvice } from './budget';
import { LinkBar } from './link-bar';
import { ControlsView } from './controls-view';
import { createExportMenu } from './export-menu';
import type { CodeEditor, CodeMarker } from './editor/code-editor';
import type { MonacoBundle } from './editor/monaco-editor';
import { prefersPlainEditor } from './editor/code-editor';
import { createTextareaEditor } from './editor/textarea-editor';
import { ResultsView } from './results-view';
import { compileScenario, loadCompiler } from './run/compiler';
import { defaultBudget, Runner, type RunBudget } from './run/runner';
import { openedLinkNotices, shareUrl, type DecodedShare } from './share';
import { staleNotice, type RunInputs } from './staleness';
import { Workspace } from './workspace';
import styles from './playground.css?inline';
// Monaco is built as its own bundle (through Vite's worker pipeline, though it runs on the
// page): imported normally, Astro would link Monaco's CSS from every page with a playground.
import monacoEditorUrl from './editor/monaco-editor.ts?worker&url';

/** Options a page can set on the element. */
export interface MountOptions {
  /** Force the plain editor (tests, or a reader's choice). */
  plainEditor?: boolean;
  /** Move focus into the editor once it is up: only when the reader asked for it (Edit & run, a click). */
  focus?: boolean;
  /** A share link mount.ts found in the URL for this playground. */
  share?: DecodedShare;
}

/** What mount.ts can still do with a live playground. */
export interface PlaygroundHandle {
  /** Open a share link that arrived later (the hash changed on an open page). */
  openShare(share: DecodedShare): void;
}

function button(label: string, action: string, title?: string): HTMLButtonElement {
  const element = document.createElement('button');
  element.type = 'button';
  element.textContent = label;
  element.dataset.action = action;
  if (title) element.title = title;
  return element;
}

function storageOrUndefined(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

function injectStyles(): void {
  if (document.querySelector('style[data-gil-playground]')) return;
  const style = document.createElement('style');
  style.dataset.gilPlayground = '';
  style.textContent = styles;
  document.head.append(style);
}

/** Load the Monaco bundle once; it registers its factory on a global (see monaco-editor.ts). */
async function loadMonaco(): Promise<MonacoBundle> {
  await import(/* @vite-ignore */ monacoEditorUrl);
  const bundle = (globalThis as { __gilMonaco?: MonacoBundle }).__gilMonaco;
  if (!bundle) throw new Error('the editor bundle did not load');
  return bundle;
}

/** Read the scenario source the page embedded as a JSON string. */
function embeddedSource(host: HTMLElement): string {
  const script = host.querySelector('script.gil-source');
  try {
    const value = JSON.parse(script?.textContent ?? '""') as unknown;
    return typeof value === 'string' ? value : '';
  } catch {
    return '';
  }
}

/** Make the playground live inside `host`. */
export async function mountPlayground(host: HTMLElement, options: MountOptions = {}): Promise<PlaygroundHandle> {
  injectStyles();
  const scenarioId = host.dataset.scenarioId || 'scenario';
  const isFull = host.hasAttribute('data-full');
  const workspace = new Workspace(scenarioId, embeddedSource(host), storageOrUndefined());

  // A share link for this scenario (or any, on the full playground) shows its code and waits
  // for Run; the workspace keeps it apart from the reader's own edit.
  const openLink = (share: DecodedShare): { opened: boolean; notices: string[] } => {
    if (share.kind === 'none') return { opened: false, notices: [] };
    if (share.kind === 'invalid') return { opened: false, notices: [share.message] };
    const { shared, dropped } = share;
    if (shared.scenarioId !== scenarioId && !isFull) {
      return { opened: false, notices: [`This share link is for another scenario ("${shared.scenarioId.slice(0, 80)}"), which is not on this page.`] };
    }
    const loaded = workspace.openLink(shared.code, shared.controls);
    return { opened: true, notices: [...openedLinkNotices(shared, dropped, { simVersion, restored: loaded.restored }), ...loaded.problems] };
  };
  const initialLink = options.share ? openLink(options.share) : { opened: false, notices: [] };
  const notices = [...workspace.loaded.problems, ...initialLink.notices];

  const label = `Scenario code for ${scenarioId}`;
  const plain = options.plainEditor || prefersPlainEditor(window);
  // The first compile waits for esbuild.wasm (3.7 MB) to download and initialise, then for
  // esbuild's first build (its JIT). On a desktop the download and initialisation start now,
  // beside Monaco's (esbuild has its own worker): the first diagnostic came ~30% sooner in
  // bench/playground.mjs. The warm-up build waits for the editor (below), as it slowed it.
  const warmCompiler = () => void loadCompiler().then(() => compileScenario(workspace.code)).catch(() => undefined);
  if (!plain) void loadCompiler().catch(() => undefined);
  const editor: CodeEditor = plain
    ? createTextareaEditor({ value: workspace.code, label })
    : await loadMonaco().then((monaco) => monaco.createMonacoEditor({ value: workspace.code, scenarioId, label }));

  // ---- DOM ----
  const live = document.createElement('div');
  live.className = 'gil-live';
  const toolbar = document.createElement('div');
  toolbar.className = 'gil-toolbar';
  toolbar.setAttribute('role', 'toolbar');
  toolbar.setAttribute('aria-label', 'Playground');
  const runButton = button('Run', 'run', 'Run (Ctrl+Enter / ⌘+Enter)');
  runButton.classList.add('gil-primary');
  const longerButton = button('Run longer', 'run-longer', `Run again with up to ${longBudget.maxEvents.toLocaleString('en-US')} simulator events and ${longBudget.wallMs / 1000} s`);
  longerButton.hidden = true;
  const stopButton = button('Stop', 'stop', 'Stop the run');
  stopButton.disabled = true;
  const badge = document.createElement('span');
  badge.className = 'gil-modified';
  badge.textContent = 'modified';
  const resetButton = button('Reset', 'reset', 'Restore the original scenario');
  const undoButton = button('Undo reset', 'undo-reset');
  undoButton.hidden = true;
  const shareButton = button('Share', 'share', 'Copy a link with this code and these settings');
  toolbar.append(runButton, longerButton, stopButton, badge, resetButton, undoButton, shareButton);
  const linkBar = new LinkBar({ keep: () => keepLink(), leave: () => leaveLink() });

  const status = document.createElement('p');
  status.className = 'gil-status';
  status.setAttribute('role', 'status');
  status.setAttribute('aria-live', 'polite');
  const messages = document.createElement('div');
  messages.className = 'gil-messages';
  messages.setAttribute('aria-live', 'polite');
  const shareField = document.createElement('input');
  shareField.className = 'gil-share-url';
  shareField.readOnly = true;
  shareField.hidden = true;
  shareField.setAttribute('aria-label', 'Share link');

  const defaultVariants = parseVariantSpecs(host.dataset.variants);
  const controls: ControlsView = new ControlsView(workspace.controls, defaultVariants.length ? defaultVariants : [
    { label: variantLabel({ runtime: 'cpython-2.7', cpus: 2 }), controls: { runtime: 'cpython-2.7', cpus: 2 } },
    { label: variantLabel({ runtime: 'cpython-3.12', cpus: 2 }), controls: { runtime: 'cpython-3.12', cpus: 2 } },
  ], () => {
    const value = controls.read();
    if (value) workspace.setControls(value);
    refresh();
  });
  controls.scenarioRuntime = declaredRuntime(workspace.code);

  const results = new ResultsView((line) => editor.highlightLine(line));
  const exportMenu = createExportMenu(results, { scenarioId, simVersion, pythonProgram: () => pythonProgram() });
  toolbar.append(exportMenu);
  editor.onLineFocus((line) => results.highlightLine(line));

  const editorPane = document.createElement('div');
  editorPane.className = 'gil-editor-pane';
  const hint = document.createElement('p');
  hint.className = 'gil-hint';
  hint.textContent = editor.kind === 'monaco' ? 'Ctrl/⌘+Enter runs. Escape then Tab leaves the editor.' : 'Ctrl/⌘+Enter runs.';
  editorPane.append(toolbar, linkBar.element, editor.element, hint, status, messages, shareField);
  // Above the result on show while it no longer matches the code and settings.
  const staleNote = document.createElement('p');
  staleNote.className = 'gil-stale';
  staleNote.hidden = true;
  live.append(editorPane, controls.element, results.element);

  const staticCode = host.querySelector<HTMLElement>('.gil-static-code');
  const staticResult = host.querySelector<HTMLElement>('.gil-result');
  host.querySelector<HTMLElement>('[data-action="edit"]')?.setAttribute('hidden', '');
  if (staticCode) staticCode.hidden = true;
  if (staticCode) staticCode.before(live);
  else host.prepend(live);
  host.dataset.editor = editor.kind;

  // ---- behaviour ----
  const setMessages = (items: string[], kind: 'error' | 'note') => {
    messages.replaceChildren(...items.map((text) => {
      const item = document.createElement('p');
      item.className = `gil-message gil-message-${kind}`;
      item.textContent = text;
      return item;
    }));
  };
  const inputs = (): RunInputs => ({ code: workspace.code, controls: workspace.controls, compare: controls.compareSet });
  const refresh = () => {
    badge.hidden = !workspace.modified;
    badge.textContent = workspace.fromLink ? 'shared code' : 'modified';
    undoButton.hidden = !workspace.canUndoReset;
    host.toggleAttribute('data-modified', workspace.modified);
    host.toggleAttribute('data-shared', workspace.fromLink);
    linkBar.update(workspace.fromLink, () => workspace.hasOwnEdit);
    const result = shown.published ? staticResult : results.element;
    const notice = result && !result.hidden ? staleNotice(shown.inputs, inputs(), shown.published) : undefined;
    if (result && staleNote.nextElementSibling !== result) result.before(staleNote);
    staleNote.hidden = !notice;
    staleNote.textContent = notice ?? '';
    host.toggleAttribute('data-stale', Boolean(notice));
  };
  if (notices.length) setMessages(notices, 'note');
  if (workspace.loaded.restored && !workspace.fromLink) status.textContent = 'Your edit from last time is back (Reset restores the original).';

  editor.onChange(() => {
    workspace.setCode(editor.getValue());
    controls.scenarioRuntime = declaredRuntime(workspace.code);
    if (!workspace.saving) status.textContent = 'This browser does not let the page save your edit; it will be lost on reload.';
    refresh();
  });
  /** Put what the workspace now holds into the editor and the controls (Reset, a link, back from one). */
  const showWorkspace = () => {
    editor.replaceAll(workspace.code);
    controls.set(workspace.controls);
    controls.scenarioRuntime = declaredRuntime(workspace.code);
    refresh();
  };
  /** The URL stops naming a link once the page no longer shows it, so a reload does not reopen it. */
  const forgetLinkInUrl = () => {
    if (location.hash.startsWith('#gil')) history.replaceState(history.state, '', location.pathname + location.search);
  };

  const progress = new RunProgress((text) => (status.textContent = text));
  const runner = new Runner((text) => progress.step(text));
  // A newer Run (Ctrl+Enter during a run) supersedes the older one, whose late steps are ignored.
  let latestRun = 0;
  const run = async (budget: RunBudget = defaultBudget) => {
    const base = controls.read();
    if (!base) {
      status.textContent = 'Fix the settings marked beside the controls, then Run.';
      return;
    }
    const variants = controls.variants(base);
    if (!variants) {
      status.textContent = 'Fix the compare runs marked in red, then Run.';
      return;
    }
    const token = ++latestRun;
    const current = () => token === latestRun;
    const ran: RunInputs = { ...inputs(), code: editor.getValue(), controls: base };
    host.dataset.running = '';
    runButton.disabled = true;
    longerButton.hidden = true;
    stopButton.disabled = false;
    progress.end();
    status.textContent = 'Compiling…';
    const started = performance.now();
    // Stop works while compiling too (esbuild can hang on pathological code).
    const compiling = new AbortController();
    const stopCompiling = () => compiling.abort();
    stopButton.addEventListener('click', stopCompiling);
    try {
      const compiled = await compileScenario(ran.code, compiling.signal).finally(() => stopButton.removeEventListener('click', stopCompiling));
      if (!current()) return;
      if (!compiled.ok && compiled.halted) {
        const stopped = compiled.halted.reason === 'stop';
        editor.setMarkers([]);
        setMessages(stopped ? [] : [compiled.halted.message], 'error');
        status.textContent = stopped ? 'Stopped. Edit and Run again.' : 'The scenario could not be compiled.';
        host.dataset.outcome = stopped ? 'stopped' : 'compile-error';
        return;
      }
      if (!compiled.ok) {
        editor.setMarkers(compiled.errors.map((error) => ({ ...error, severity: 'error' as const })));
        setMessages(compiled.errors.map((error) => `Line ${error.line}, column ${error.column}: ${error.message}`), 'error');
        status.textContent = `The scenario does not compile (${compiled.errors.length} error${compiled.errors.length === 1 ? '' : 's'}).`;
        host.dataset.outcome = 'compile-error';
        return;
      }
      editor.setMarkers([]);
      setMessages([], 'note');
      status.textContent = variants.length > 1 ? `Running ${variants.length} runs…` : 'Running…';
      if (budget !== defaultBudget) progress.startLong(budget);
      const outcome = await runner.run(compiled.code, variants, budget);
      if (!current()) return;
      const elapsed = ((performance.now() - started) / 1000).toFixed(2);
      if (outcome.kind === 'stopped') {
        if (outcome.reason === 'superseded') return;
        const advice = outcome.reason === 'timeout' ? wallClockAdvice(outcome.afterMs, budget) : undefined;
        status.textContent = advice?.text ?? 'Stopped. Edit and Run again.';
        longerButton.hidden = !advice?.runLonger;
        host.dataset.outcome = 'stopped';
        return;
      }
      if (outcome.kind === 'crashed') {
        setMessages(['The runner crashed (out of memory?): the scenario may allocate too much. The page is fine; edit and Run again.'], 'error');
        status.textContent = 'The runner crashed (out of memory?).';
        host.dataset.outcome = 'crashed';
        return;
      }
      if (outcome.kind !== 'done') {
        if (outcome.kind === 'failed') showError(outcome.error.message, outcome.error.line);
        status.textContent = 'The scenario failed.';
        host.dataset.outcome = 'runtime-error';
        return;
      }
      results.show(outcome.runs);
      if (staticResult) staticResult.hidden = true;
      shown = { inputs: ran, published: false };
      exportMenu.hidden = results.runs.length === 0;
      const failures = outcome.runs.filter((runOutcome) => !runOutcome.ok);
      const firstFailure = failures[0];
      if (firstFailure && !firstFailure.ok) {
        const advice = engineLimitAdvice(firstFailure.error, budget);
        showError(`${firstFailure.label}: ${advice?.text ?? firstFailure.error.message}`, firstFailure.error.line);
        longerButton.hidden = !advice?.runLonger;
      }
      status.textContent = failures.length
        ? `${failures.length} of ${outcome.runs.length} run${outcome.runs.length === 1 ? '' : 's'} failed.`
        : `Ran in ${elapsed} s.`;
      host.dataset.outcome = failures.length ? 'runtime-error' : 'done';
      host.dataset.runs = String(Number(host.dataset.runs ?? 0) + 1);
    } catch (error) {
      status.textContent = `Could not run: ${String(error)}`;
      host.dataset.outcome = 'internal-error';
    } finally {
      if (current()) {
        progress.end();
        delete host.dataset.running;
        runButton.disabled = false;
        stopButton.disabled = true;
        refresh();
      }
    }
  };
  /** The scenario, with the current settings, as a Python program (issue 5's exporter, run in the sandbox). */
  const pythonProgram = async (): Promise<string | undefined> => {
    const base = controls.read();
    if (!base) {
      status.textContent = 'Fix the settings marked beside the controls, then export.';
      return undefined;
    }
    status.textContent = 'Writing the Python program…';
    const compiled = await compileScenario(editor.getValue());
    if (!compiled.ok) {
      editor.setMarkers(compiled.errors.map((error) => ({ ...error, severity: 'error' as const })));
      setMessages(compiled.errors.map((error) => `Line ${error.line}, column ${error.column}: ${error.message}`), 'error');
      status.textContent = 'The scenario does not compile, so it cannot be exported.';
      return undefined;
    }
    const outcome = await runner.exportPython(compiled.code, { label: variantLabel(base, { scenarioRuntime: declaredRuntime(workspace.code) }), controls: base });
    if (outcome.kind === 'python') {
      status.textContent = 'Python program saved: run it with the Python the scenario simulates; it prints the same metrics as JSON.';
      return outcome.program;
    }
    if (outcome.kind === 'failed') showError(outcome.error.message, outcome.error.line);
    status.textContent = 'Could not export the scenario.';
    return undefined;
  };
  const showError = (message: string, line: number | undefined) => {
    const markers: CodeMarker[] = line ? [{ message, line, column: 1, severity: 'error' }] : [];
    editor.setMarkers(markers);
    setMessages([line ? `Line ${line}: ${message}` : message], 'error');
  };

  runButton.addEventListener('click', () => void run());
  longerButton.addEventListener('click', () => void run(longBudget));
  editor.onRunShortcut(() => void run());
  stopButton.addEventListener('click', () => runner.stop());
  resetButton.addEventListener('click', () => {
    workspace.reset();
    showWorkspace();
    status.textContent = workspace.fromLink
      ? 'Back to the original scenario. Undo reset brings the shared code back; your own edit is untouched.'
      : 'Back to the original scenario. Undo reset (or Ctrl+Z in the editor) brings your edit back.';
  });
  undoButton.addEventListener('click', () => {
    if (!workspace.undoReset()) return;
    showWorkspace();
    status.textContent = workspace.fromLink ? 'The shared code is back.' : 'Your edit is back.';
  });
  const keepLink = () => {
    if (workspace.hasOwnEdit && !window.confirm('Replace your saved edit of this scenario with this shared code? Your edit will be lost.')) return;
    const saved = workspace.keepAsOwn();
    forgetLinkInUrl();
    refresh();
    status.textContent = saved ? 'This code is now your edit of the scenario.' : 'This browser does not let the page save your edit; it will be lost on reload.';
  };
  const leaveLink = () => {
    const loaded = workspace.leaveLink();
    forgetLinkInUrl();
    showWorkspace();
    setMessages(loaded.problems, 'note');
    status.textContent = loaded.restored ? 'Your own edit is back; changes to the shared code stay saved with its link.' : 'Back to the original scenario.';
  };
  shareButton.addEventListener('click', async () => {
    const value: RunControls = controls.read() ?? {};
    const link = shareUrl(location, { scenarioId, code: editor.getValue(), controls: value, simVersion, seed: value.seed });
    if (!link.ok) {
      status.textContent = link.message;
      return;
    }
    const url = link.url;
    shareField.value = url;
    shareField.hidden = false;
    shareField.select();
    try {
      await navigator.clipboard.writeText(url);
      status.textContent = 'Link copied. Whoever opens it sees this code and presses Run themselves.';
    } catch {
      status.textContent = 'Copy the link from the box below.';
    }
  });
  // Full page: show example code chosen from the gallery.
  host.addEventListener('gil-load-example', (event) => {
    const detail = (event as CustomEvent<{ code: string }>).detail;
    if (typeof detail?.code === 'string') editor.replaceAll(detail.code);
  });
  // A chapter's variants are its picture: Run redraws the same small multiples live.
  controls.comparing = defaultVariants.length > 1 && !isFull;
  // What the result on show was made from: at first the published result, built from the original.
  let shown: { inputs: RunInputs; published: boolean } = { inputs: { code: workspace.original, controls: {}, compare: controls.compareSet }, published: true };
  refresh();
  if (options.focus) editor.focus();
  // Once the editor is up, warm up the runner and esbuild (one unseen build of the code),
  // so the first Run is quick. The plain editor (phones) fetches esbuild.wasm only once the
  // reader edits or presses Run: a reader who only looks at the code downloads 64 KB, not 3.8 MB.
  if (plain) {
    let warmed = false;
    editor.onChange(() => {
      if (!warmed) warmCompiler();
      warmed = true;
    });
  }
  setTimeout(() => {
    if (!plain) warmCompiler();
    runner.warm();
  }, 50);

  return {
    openShare(share) {
      const link = openLink(share);
      if (link.opened) {
        showWorkspace();
        status.textContent = '';
      }
      setMessages(link.notices, 'note');
    },
  };
}
