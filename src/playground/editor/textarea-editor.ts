/** The plain editor for narrow and touch screens: a textarea with the same hooks as Monaco. */
import type { CodeEditor, CodeMarker } from './code-editor';

export function createTextareaEditor(options: { value: string; label: string }): CodeEditor {
  const wrapper = document.createElement('div');
  wrapper.className = 'gil-textarea-editor';
  const textarea = document.createElement('textarea');
  textarea.value = options.value;
  textarea.spellcheck = false;
  textarea.autocapitalize = 'off';
  textarea.setAttribute('autocomplete', 'off');
  textarea.setAttribute('aria-label', options.label);
  textarea.rows = Math.min(30, Math.max(8, options.value.split('\n').length + 1));
  const markers = document.createElement('ul');
  markers.className = 'gil-textarea-markers';
  wrapper.append(textarea, markers);
  const lineAt = () => textarea.value.slice(0, textarea.selectionStart).split('\n').length;
  const changeListeners: (() => void)[] = [];
  textarea.addEventListener('input', () => changeListeners.forEach((listener) => listener()));
  return {
    element: wrapper,
    kind: 'textarea',
    getValue: () => textarea.value,
    replaceAll(text) {
      // execCommand keeps the browser's own undo stack, so Ctrl+Z restores the edit after Reset.
      textarea.focus();
      textarea.select();
      if (!document.execCommand('insertText', false, text)) textarea.value = text;
      changeListeners.forEach((listener) => listener());
    },
    onChange: (listener) => changeListeners.push(listener),
    onLineFocus(listener) {
      const report = () => listener(lineAt());
      textarea.addEventListener('keyup', report);
      textarea.addEventListener('click', report);
      textarea.addEventListener('blur', () => listener(undefined));
    },
    onRunShortcut(listener) {
      textarea.addEventListener('keydown', (event) => {
        if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
          event.preventDefault();
          listener();
        }
      });
    },
    setMarkers(list: CodeMarker[]) {
      markers.replaceChildren(...list.map((marker) => {
        const item = document.createElement('li');
        item.className = `gil-marker gil-marker-${marker.severity}`;
        item.dataset.line = String(marker.line);
        item.textContent = `Line ${marker.line}, column ${marker.column}: ${marker.message}`;
        return item;
      }));
    },
    highlightLine(line) {
      wrapper.dataset.highlightLine = line === undefined ? '' : String(line);
    },
    focus: () => textarea.focus(),
  };
}
