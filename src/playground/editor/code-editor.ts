/**
 * What the playground needs from an editor. Two implementations: Monaco (desktop)
 * and a plain textarea (narrow or touch screens); the rest of the playground does
 * not know which one it has.
 */

/** A problem to mark in the code (1-based line and column). */
export interface CodeMarker {
  message: string;
  line: number;
  column: number;
  severity: 'error' | 'warning';
}

export interface CodeEditor {
  /** The element to put in the page. */
  readonly element: HTMLElement;
  /** Which implementation this is (tests and the bench read it). */
  readonly kind: 'monaco' | 'textarea';
  getValue(): string;
  /** Replace the text as one undoable edit (Reset uses this, so Ctrl+Z brings the edit back). */
  replaceAll(text: string): void;
  /** Called after every change of the text. */
  onChange(listener: () => void): void;
  /** Called when the pointer or cursor moves to a line (undefined when it leaves). */
  onLineFocus(listener: (line: number | undefined) => void): void;
  /** Ctrl/Cmd+Enter. */
  onRunShortcut(listener: () => void): void;
  /** Markers from our compiler (replaces the previous set). */
  setMarkers(markers: CodeMarker[]): void;
  /** Highlight one line (a hovered timeline interval), or none. */
  highlightLine(line: number | undefined): void;
  focus(): void;
}

/** Is this a narrow or touch-first screen, where Monaco is not supported? */
export function prefersPlainEditor(window: Pick<Window, 'matchMedia' | 'innerWidth'>): boolean {
  return window.innerWidth < 700 || window.matchMedia('(pointer: coarse)').matches;
}
