/**
 * The playground, composed: turns a `<gil-playground>` (static code + static result)
 * into the live one: editor, controls, compile → run → results, persistence,
 * share and export. This file only wires pieces together; each piece lives in
 * its own module.
 */
import { simulatorVersion as simVersion } from '../sim/index';
import { parseVariantSpecs, variantLabel, type RunControls } from './controls';
import { ControlsView } from './controls-view';
import { createExportMenu } from './export-menu';
import type { CodeEditor, CodeMarker } from './editor/code-editor';
import type { MonacoBundle } from './editor/monaco-editor';
import { prefersPlainEditor } from './editor/code-editor';
import { createTextareaEditor } from './editor/textarea-editor';
import { ResultsView } from './results-view';
import { compileScenario, loadCompiler } from './run/compiler';
import { defaultBudget, Runner } from './run/runner';
import { decodeShare, shareUrl } from './share';
import { Workspace } from './workspace';
import styles from './playground.css?inline';
// Monaco is built as its own bundle (through Vite's worker pipeline, though it runs on the
// page): imported normally, Astro would link Monaco's CSS from every page with a playground.
import monacoEditorUrl from './editor/monaco-editor.ts?worker&url';

/** Options a page can set on the element. */
export interface MountOptions {
  /** Force the plain editor (tests, or a reader's choice). */
  plainEditor?: boolean;
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
export async function mountPlayground(host: HTMLElement, options: MountOptions = {}): Promise<void> {
  injectStyles();
  const scenarioId = host.dataset.scenarioId || 'scenario';
  const isFull = host.hasAttribute('data-full');
  const workspace = new Workspace(scenarioId, embeddedSource(host), storageOrUndefined());

  // A share link for this scenario (or any, on the full playground) shows its code and waits for Run.
  const notices: string[] = [];
  const shared = decodeShare(location);
  if (shared.kind === 'invalid') notices.push(shared.message);
  if (shared.kind === 'shared' && (shared.shared.scenarioId === scenarioId || isFull)) {
    workspace.adopt(shared.shared.code, shared.shared.controls);
    notices.push(`Opened from a share link${shared.shared.simVersion !== simVersion ? ` (made with simulator ${shared.shared.simVersion}; this is ${simVersion}, results may differ)` : ''}. Nothing has run: press Run when you are ready.`);
    host.dataset.shared = '';
  }

  const label = `Scenario code for ${scenarioId}`;
  const editor: CodeEditor = options.plainEditor || prefersPlainEditor(window)
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
  const stopButton = button('Stop', 'stop', 'Stop the run');
  stopButton.disabled = true;
  const badge = document.createElement('span');
  badge.className = 'gil-modified';
  badge.textContent = 'modified';
  const resetButton = button('Reset', 'reset', 'Restore the original scenario');
  const undoButton = button('Undo reset', 'undo-reset');
  undoButton.hidden = true;
  const shareButton = button('Share', 'share', 'Copy a link with this code and these settings');
  toolbar.append(runButton, stopButton, badge, resetButton, undoButton, shareButton);

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
  const controls = new ControlsView(workspace.controls, defaultVariants.length ? defaultVariants : [
    { label: variantLabel({ runtime: 'cpython-2.7', cpus: 2 }), controls: { runtime: 'cpython-2.7', cpus: 2 } },
    { label: variantLabel({ runtime: 'cpython-3.12', cpus: 2 }), controls: { runtime: 'cpython-3.12', cpus: 2 } },
  ], () => {
    const value = controls.read();
    if (value) workspace.setControls(value);
    refreshBadge();
  });

  const results = new ResultsView((line) => editor.highlightLine(line));
  const exportMenu = createExportMenu(results, { scenarioId, simVersion, pythonProgram: () => pythonProgram() });
  toolbar.append(exportMenu);
  editor.onLineFocus((line) => results.highlightLine(line));

  const editorPane = document.createElement('div');
  editorPane.className = 'gil-editor-pane';
  const hint = document.createElement('p');
  hint.className = 'gil-hint';
  hint.textContent = editor.kind === 'monaco' ? 'Ctrl/⌘+Enter runs. Escape then Tab leaves the editor.' : 'Ctrl/⌘+Enter runs.';
  editorPane.append(toolbar, editor.element, hint, status, messages, shareField);
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
  const refreshBadge = () => {
    badge.hidden = !workspace.modified;
    undoButton.hidden = !workspace.canUndoReset;
    host.toggleAttribute('data-modified', workspace.modified);
  };
  if (notices.length) setMessages(notices, 'note');
  if (workspace.modified && !host.hasAttribute('data-shared')) status.textContent = 'Your edit from last time is back (Reset restores the original).';
  refreshBadge();

  editor.onChange(() => {
    workspace.setCode(editor.getValue());
    if (!workspace.saving) status.textContent = 'This browser does not let the page save your edit; it will be lost on reload.';
    refreshBadge();
  });

  const runner = new Runner((text) => (status.textContent = text));
  // A newer Run (Ctrl+Enter during a run) supersedes the older one, whose late steps are ignored.
  let latestRun = 0;
  const run = async () => {
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
    host.dataset.running = '';
    runButton.disabled = true;
    stopButton.disabled = false;
    status.textContent = 'Compiling…';
    const started = performance.now();
    try {
      const compiled = await compileScenario(editor.getValue());
      if (!current()) return;
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
      const outcome = await runner.run(compiled.code, variants);
      if (!current()) return;
      const elapsed = ((performance.now() - started) / 1000).toFixed(2);
      if (outcome.kind === 'stopped') {
        if (outcome.reason === 'superseded') return;
        status.textContent = outcome.reason === 'timeout'
          ? `Stopped after ${(outcome.afterMs / 1000).toFixed(0)} s: the scenario ran too long (an endless loop?). The page is fine; edit and Run again.`
          : 'Stopped. Edit and Run again.';
        host.dataset.outcome = 'stopped';
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
      exportMenu.hidden = results.runs.length === 0;
      const failures = outcome.runs.filter((runOutcome) => !runOutcome.ok);
      const firstFailure = failures[0];
      if (firstFailure && !firstFailure.ok) {
        const budget = firstFailure.error.limit ? ` (The playground stops each run after ${defaultBudget.maxEvents.toLocaleString('en-US')} simulator events.)` : '';
        showError(`${firstFailure.label}: ${firstFailure.error.message}${budget}`, firstFailure.error.line);
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
        delete host.dataset.running;
        runButton.disabled = false;
        stopButton.disabled = true;
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
    const outcome = await runner.exportPython(compiled.code, { label: variantLabel(base), controls: base });
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
  editor.onRunShortcut(() => void run());
  stopButton.addEventListener('click', () => runner.stop());
  resetButton.addEventListener('click', () => {
    workspace.reset();
    editor.replaceAll(workspace.original);
    controls.set({});
    status.textContent = 'Back to the original scenario. Undo reset (or Ctrl+Z in the editor) brings your edit back.';
    refreshBadge();
  });
  undoButton.addEventListener('click', () => {
    const previous = workspace.undoReset();
    if (!previous) return;
    editor.replaceAll(previous.code);
    controls.set(previous.controls);
    status.textContent = 'Your edit is back.';
    refreshBadge();
  });
  shareButton.addEventListener('click', async () => {
    const value: RunControls = controls.read() ?? {};
    const url = shareUrl(location, { scenarioId, code: editor.getValue(), controls: value, simVersion, seed: value.seed });
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
  // Opened by the page itself (the full playground, on load), a phone would scroll to the
  // editor: take the focus there only on a desktop; opened by the reader, always.
  if (!host.hasAttribute('data-autoload') || !prefersPlainEditor(window)) editor.focus();
  // Warm up the compiler and the runner once the editor is up (not before: on two cores,
  // compiling esbuild.wasm would slow the editor down), so the first Run is quick.
  // The first compile is the slow one (esbuild's JIT), so compile the code once, unseen.
  setTimeout(() => {
    void loadCompiler().then(() => compileScenario(workspace.code)).catch(() => undefined);
    runner.warm();
  }, 50);
}
