/**
 * Colours of the timeline, shared by the build-time SVG (through CSS custom
 * properties, so one SVG follows the theme) and the playground's canvas (which
 * reads the hex values). Every colour keeps at least 3:1 contrast against its
 * theme's page background (WCAG 1.4.11, non-text contrast); tests check it.
 */
import type { ThreadState } from '../sim/result';

export type Theme = 'light' | 'dark';

/** Page background per theme (the site's CSS uses the same values). */
export const backgrounds: Record<Theme, string> = { light: '#ffffff', dark: '#15171c' };

/** One colour per thread state, per theme. Hues chosen to stay apart for common colour-vision deficiencies. */
export const stateColours: Record<Theme, Record<ThreadState, string>> = {
  light: {
    python: '#1f63c6',
    native: '#7b3fc4',
    'gil-wait': '#c8341b',
    'cpu-wait': '#9a6400',
    blocked: '#6b7280',
  },
  dark: {
    python: '#5ea3ff',
    native: '#bb8cff',
    'gil-wait': '#ff7a5c',
    'cpu-wait': '#e3b341',
    blocked: '#8d96a5',
  },
};

/** Words for the legend and for text alternatives. */
export const stateLabels: Record<ThreadState, string> = {
  python: 'running Python',
  native: 'running C code',
  'gil-wait': 'waiting for the GIL',
  'cpu-wait': 'waiting for a CPU',
  blocked: 'blocked (I/O, sleep, lock)',
};

/**
 * Categorical colours for "which thread": the GIL-owner and CPU lanes are coloured
 * by the thread holding the GIL or running on the CPU, so no thread colour may look
 * like a state colour (a GIL lane would then read as a thread state). Each one is at
 * least 20 CIEDE2000 ΔE from every state colour of its theme (tests check it): the
 * hues the states leave free are green, magenta, lime and teal; then a dark wine
 * (pale pink in the dark theme) and ink (near white), which differ from red and grey
 * by lightness. Thread i uses entry i mod 6.
 */
export const threadColours: Record<Theme, readonly string[]> = {
  light: ['#0b7d5c', '#c0267a', '#557a12', '#0a8f9a', '#824a5c', '#25282e'],
  dark: ['#3dd6a3', '#ff7ab8', '#9ccf4a', '#4fd1e0', '#febccf', '#eceef2'],
};

/**
 * The mark of a lost update, drawn across a thread's lane: the text colour, so it stands
 * out from every state colour and from the page background alike.
 */
export const lostUpdateColours: Record<Theme, string> = { light: '#1f2328', dark: '#f5f6f8' };

/** Colour index of the thread at position `index` in the trace's thread list. */
export function threadColourIndex(index: number): number {
  return index % threadColours.light.length;
}

/** CSS custom property name for a state or a thread colour (`--gil-python`, `--gil-t3`). */
export function colourVariable(key: string): string {
  return `--gil-${key}`;
}

/** The custom properties for one theme, as CSS declarations. */
export function paletteDeclarations(theme: Theme): string {
  const states = Object.entries(stateColours[theme]).map(([state, colour]) => `${colourVariable(state)}:${colour};`);
  const threads = threadColours[theme].map((colour, index) => `${colourVariable(`t${index}`)}:${colour};`);
  return [...states, ...threads, `${colourVariable('lost-update')}:${lostUpdateColours[theme]};`].join('');
}

/** Relative luminance of a #rrggbb colour (WCAG 2 definition). */
export function relativeLuminance(hex: string): number {
  const match = /^#([0-9a-f]{6})$/i.exec(hex);
  if (!match) throw new RangeError(`expected a #rrggbb colour, got ${hex}`);
  const value = Number.parseInt(match[1], 16);
  const channel = (shift: number) => {
    const c = ((value >> shift) & 0xff) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(16) + 0.7152 * channel(8) + 0.0722 * channel(0);
}

/** WCAG contrast ratio between two #rrggbb colours, 1..21. */
export function contrastRatio(a: string, b: string): number {
  const [light, dark] = [relativeLuminance(a), relativeLuminance(b)].sort((x, y) => y - x);
  return (light + 0.05) / (dark + 0.05);
}
