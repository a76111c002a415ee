/**
 * The playground, composed: turns a `<gil-playground>` (static code + static result)
 * into the live one. The session (session.ts) holds the state and does the work
 * (compile → run or export, saved edits, share links); this file makes the editor,
 * the controls, the results and the view (playground-view.ts), passes the reader's
 * actions to the session, and renders what it reports.
 */
import { simulatorVersion as simVersion } from '../sim/index';
import { parseVariantSpecs, variantLabel } from './controls';
import { ControlsView } from './controls-view';
import { createExportMenu } from './export-menu';
import type { CodeEditor } from './editor/code-editor';
import type { MonacoBundle } from './editor/monaco-editor';
import { prefersPlainEditor } from './editor/code-editor';
import { createTextareaEditor } from './editor/textarea-editor';
import { PlaygroundView } from './playground-view';
import { ResultsView } from './results-view';
import { compileScenario, loadCompiler } from './run/compiler';
import { Runner } from './run/runner';
import { PlaygroundSession } from './session';
import type { DecodedShare } from './share';
import playgroundStyles from './playground.css?inline';
import playheadStyles from '../playhead/playhead.css?inline';
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
  style.textContent = playgroundStyles + playheadStyles;
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
  const full = host.hasAttribute('data-full');
  const chapterVariants = parseVariantSpecs(host.dataset.variants);
  const controls = new ControlsView({}, chapterVariants.length ? chapterVariants : [
    { label: variantLabel({ runtime: 'cpython-2.7', cpus: 2 }), controls: { runtime: 'cpython-2.7', cpus: 2 } },
    { label: variantLabel({ runtime: 'cpython-3.12', cpus: 2 }), controls: { runtime: 'cpython-3.12', cpus: 2 } },
  ], () => session.controlsChanged());
  // A chapter's variants are its picture: Run redraws the same small multiples live.
  controls.comparing = chapterVariants.length > 1 && !full;
  const runner = new Runner((text) => session.runnerStep(text));
  // A share link for this scenario (or any, on the full playground) shows its code and waits
  // for Run; the session keeps it apart from the reader's own edit.
  const session = new PlaygroundSession({
    scenarioId,
    original: embeddedSource(host),
    storage: storageOrUndefined(),
    full,
    published: Boolean(host.querySelector('.gil-result:not([hidden])')),
    share: options.share,
  }, {
    compiler: { compile: compileScenario },
    runner,
    form: controls,
    page: {
      location,
      confirm: (question) => window.confirm(question),
      // The URL stops naming a link once the page no longer shows it, so a reload does not reopen it.
      forgetLink: () => {
        if (location.hash.startsWith('#gil')) history.replaceState(history.state, '', location.pathname + location.search);
      },
      copy: (text) => navigator.clipboard.writeText(text),
      now: () => performance.now(),
    },
  });
  controls.set(session.controls);

  const label = `Scenario code for ${scenarioId}`;
  const plain = options.plainEditor || prefersPlainEditor(window);
  // The first compile waits for esbuild.wasm (3.7 MB) to download and initialise, then for
  // esbuild's first build (its JIT). On a desktop the download and initialisation start now,
  // beside Monaco's (esbuild has its own worker): the first diagnostic came ~30% sooner in
  // bench/playground.mjs. The warm-up build waits for the editor (below), as it slowed it.
  const warmCompiler = () => void loadCompiler().then(() => compileScenario(session.code)).catch(() => undefined);
  if (!plain) void loadCompiler().catch(() => undefined);
  const editor: CodeEditor = plain
    ? createTextareaEditor({ value: session.code, label })
    : await loadMonaco().then((monaco) => monaco.createMonacoEditor({ value: session.code, scenarioId, label }));

  const results = new ResultsView((line) => editor.highlightLine(line));
  const loadRealTrace = (file: File) => void session.loadRealTrace(file);
  const exportMenu = createExportMenu(results, {
    scenarioId, simVersion, pythonProgram: () => session.exportPython(), loadRealTrace,
    runtime: () => session.controls.runtime ?? session.state.scenarioRuntime,
  });
  // A real run's trace dropped on the results is loaded as if chosen in the Export menu.
  results.element.addEventListener('dragover', (event) => {
    if (event.dataTransfer?.types.includes('Files')) event.preventDefault();
  });
  results.element.addEventListener('drop', (event) => {
    const file = event.dataTransfer?.files[0];
    if (!file) return;
    event.preventDefault();
    loadRealTrace(file);
  });
  const view = new PlaygroundView(host, { editor, controls, results, exportMenu, link: { keep: () => session.keepLink(), leave: () => session.leaveLink() } });
  session.subscribe((event) => {
    if (event.type === 'change') view.render(session.state);
    else if (event.type === 'workspace') {
      editor.replaceAll(event.code);
      controls.set(event.controls);
    } else if (event.type === 'results') results.show(event.runs);
    else if (event.type === 'real-run') results.addRun(event.run);
    else if (event.type === 'outcome') view.showOutcome(event.outcome, session.state.runs);
    else view.showShareLink(event.url);
  });
  editor.onLineFocus((line) => results.highlightLine(line));
  editor.onChange(() => session.edit(editor.getValue()));
  editor.onRunShortcut(() => void session.run());
  const { buttons } = view;
  buttons.run.addEventListener('click', () => void session.run());
  buttons.longer.addEventListener('click', () => void session.runLonger());
  buttons.stop.addEventListener('click', () => session.stop());
  buttons.reset.addEventListener('click', () => session.reset());
  buttons.undo.addEventListener('click', () => session.undoReset());
  buttons.share.addEventListener('click', () => void session.share());
  // Full page: show example code chosen from the gallery.
  host.addEventListener('gil-load-example', (event) => {
    const detail = (event as CustomEvent<{ code: string }>).detail;
    if (typeof detail?.code === 'string') editor.replaceAll(detail.code);
  });
  view.render(session.state);
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

  return { openShare: (share) => session.openShare(share) };
}
