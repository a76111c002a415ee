/**
 * The Monaco shell: create the editor, link it to the playground through the
 * `CodeEditor` hooks, dispose it. No playground logic lives here. The simulator's
 * own sources are given to the TypeScript worker as a package named "gilsim", so
 * completion, hover docs and type errors work for `import … from "gilsim"`.
 */
import { loadEditorCss, ModuleKind, ModuleResolutionKind, monaco, ScriptTarget, typescriptDefaults } from './monaco-slim';
import type { CodeEditor, CodeMarker } from './code-editor';

// The simulator's TypeScript, bundled as text at build time (types and JSDoc come from the real sources).
const simSources = import.meta.glob('/src/sim/**/*.ts', { query: '?raw', import: 'default', eager: true }) as Record<string, string>;

let configured = false;

/** Compiler options and the "gilsim" package, once per page. */
function configureTypeScript(): void {
  if (configured) return;
  configured = true;
  typescriptDefaults.setCompilerOptions({
    target: ScriptTarget.ES2020,
    module: ModuleKind.ESNext,
    moduleResolution: ModuleResolutionKind.NodeJs,
    lib: ['es2022'],
    strict: true,
    noEmit: true,
    allowNonTsExtensions: true,
  });
  typescriptDefaults.setExtraLibs(
    Object.entries(simSources).map(([path, content]) => ({
      content,
      filePath: `file:///node_modules/gilsim/${path.replace(/^\/src\/sim\//, '')}`,
    })),
  );
}

let modelCount = 0;

/** Monaco's themes with line numbers and comments at WCAG AA contrast (the defaults fall short). */
function defineThemes(): void {
  monaco.editor.defineTheme('gil-light', {
    base: 'vs', inherit: true, rules: [{ token: 'comment', foreground: '3f7f3f' }],
    colors: { 'editorLineNumber.foreground': '#5f6770', 'editorLineNumber.dimmedForeground': '#5f6770' },
  });
  monaco.editor.defineTheme('gil-dark', {
    base: 'vs-dark', inherit: true, rules: [{ token: 'comment', foreground: '8fc27f' }],
    colors: { 'editorLineNumber.foreground': '#a0a8b3', 'editorLineNumber.dimmedForeground': '#a0a8b3' },
  });
}

/** The editor theme for the page's theme (the site sets `data-theme` on <html>). */
function pageTheme(): string {
  const theme = document.documentElement.dataset.theme;
  const dark = theme ? theme === 'dark' : matchMedia('(prefers-color-scheme: dark)').matches;
  return dark ? 'gil-dark' : 'gil-light';
}

export async function createMonacoEditor(options: { value: string; scenarioId: string; label: string }): Promise<CodeEditor> {
  await loadEditorCss();
  if (!configured) defineThemes();
  configureTypeScript();
  const element = document.createElement('div');
  element.className = 'gil-monaco';
  const uri = monaco.Uri.parse(`file:///scenarios/${++modelCount}/${options.scenarioId.replace(/[^\w/-]/g, '_')}.ts`);
  const model = monaco.editor.createModel(options.value, 'typescript', uri);
  const editor = monaco.editor.create(element, {
    model,
    theme: pageTheme(),
    automaticLayout: true,
    minimap: { enabled: false },
    scrollBeyondLastLine: false,
    fontSize: 14,
    tabSize: 2,
    lineNumbersMinChars: 3,
    fixedOverflowWidgets: true,
    ariaLabel: `${options.label}. Press Escape then Tab to leave the editor.`,
  });
  // Follow the site's theme switch.
  const themeWatcher = new MutationObserver(() => monaco.editor.setTheme(pageTheme()));
  themeWatcher.observe(document.documentElement, { attributes: true, attributeFilter: ['data-theme'] });

  // Grow with the code (up to a limit) instead of a fixed box.
  const fit = () => {
    const height = Math.min(640, Math.max(160, editor.getContentHeight()));
    if (element.style.height !== `${height}px`) element.style.height = `${height}px`;
  };
  editor.onDidContentSizeChange(fit);
  // biome-ignore lint/suspicious/noFocusedTests: `fit` here sizes the editor; it is not a test.
  fit();

  // Escape then Tab leaves the editor (Tab alone indents), so keyboard focus is never trapped.
  let escaped = false;
  editor.onKeyDown((event) => {
    if (event.keyCode === monaco.KeyCode.Escape) {
      escaped = true;
      return;
    }
    // Shift alone (on its way to Shift+Tab) keeps the Escape pending.
    if (event.keyCode === monaco.KeyCode.Shift) return;
    if (event.keyCode === monaco.KeyCode.Tab && escaped) {
      event.preventDefault();
      event.stopPropagation();
      moveFocusFrom(element, event.shiftKey ? -1 : 1);
    }
    escaped = false;
  });

  let highlight: string[] = [];
  return {
    element,
    kind: 'monaco',
    getValue: () => model.getValue(),
    replaceAll(text) {
      editor.pushUndoStop();
      editor.executeEdits('reset', [{ range: model.getFullModelRange(), text }]);
      editor.pushUndoStop();
    },
    onChange: (listener) => void model.onDidChangeContent(() => listener()),
    onLineFocus(listener) {
      editor.onMouseMove((event) => listener(event.target.position?.lineNumber));
      editor.onMouseLeave(() => listener(undefined));
      editor.onDidChangeCursorPosition((event) => listener(event.position.lineNumber));
    },
    onRunShortcut(listener) {
      editor.addCommand(monaco.KeyMod.CtrlCmd | monaco.KeyCode.Enter, listener);
    },
    setMarkers(markers: CodeMarker[]) {
      monaco.editor.setModelMarkers(model, 'gil-compiler', markers.map((marker) => ({
        message: marker.message,
        severity: marker.severity === 'error' ? monaco.MarkerSeverity.Error : monaco.MarkerSeverity.Warning,
        startLineNumber: marker.line,
        startColumn: marker.column,
        endLineNumber: marker.line,
        endColumn: Math.max(marker.column + 1, model.getLineMaxColumn(Math.min(marker.line, model.getLineCount()))),
      })));
    },
    highlightLine(line) {
      highlight = editor.deltaDecorations(highlight, line === undefined ? [] : [{
        range: new monaco.Range(line, 1, line, 1),
        options: { isWholeLine: true, className: 'gil-line-highlight', linesDecorationsClassName: 'gil-line-highlight-gutter' },
      }]);
      if (line !== undefined) editor.revealLineInCenterIfOutsideViewport(line);
    },
    focus: () => editor.focus(),
  };
}

/** Focus the next (or previous) focusable element in the page after `from`. */
function moveFocusFrom(from: HTMLElement, direction: 1 | -1): void {
  const focusable = [...document.querySelectorAll<HTMLElement>('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])')]
    .filter((element) => !from.contains(element) && element.offsetParent !== null);
  const after = focusable.filter((element) => from.compareDocumentPosition(element) & (direction === 1 ? Node.DOCUMENT_POSITION_FOLLOWING : Node.DOCUMENT_POSITION_PRECEDING));
  const target = direction === 1 ? after[0] : after[after.length - 1];
  (target ?? from.ownerDocument.body).focus();
}

/** What this bundle hands to app.ts. */
export interface MonacoBundle {
  createMonacoEditor: typeof createMonacoEditor;
}

// app.ts builds this file through Vite's worker pipeline (so Astro does not link Monaco's CSS
// from every page), and that pipeline drops a bundle's exports: hand the factory over here.
(globalThis as { __gilMonaco?: MonacoBundle }).__gilMonaco = { createMonacoEditor };
