/**
 * What the CLI says about a run: text from the scenario made safe for the terminal, the
 * scenario's own frame in an error's stack, and why a name Node has is missing.
 */
import type { SourceMap, SourceOrigin } from 'node:module';

/**
 * Text from the scenario (names, titles, messages) as the terminal gets it: control,
 * format and separator characters other than newline and tab as \uXXXX escapes, so a
 * name cannot move the cursor, retitle the window or set the clipboard. (Valid in JSON too.)
 */
export function terminalSafe(text: string): string {
  return text.replace(/(?![\n\t])[\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}]/gu, (char) =>
    Array.from({ length: char.length }, (_, index) => `\\u${char.charCodeAt(index).toString(16).padStart(4, '0')}`).join(''));
}

/**
 * The first frame of `stack` inside the scenario `file`, mapped back through the bundle's
 * source map (`bundleFile` is the bundle's name in the stack): "at main (/path/file.ts:5:11)".
 */
export function scenarioFrame(stack: string, map: SourceMap, bundleFile: string, file: string): string | undefined {
  for (const line of stack.split('\n')) {
    const match = /^\s*at (?:(.*) \()?(.*):(\d+):(\d+)\)?$/.exec(line);
    if (!match || match[2] !== bundleFile) continue;
    // An empty object where nothing maps.
    const origin: Partial<SourceOrigin> = map.findOrigin(Number(match[3]), Number(match[4]));
    if (origin.fileName !== `scenario:${file}`) continue;
    const where = `${file}:${origin.lineNumber}:${origin.columnNumber}`;
    return match[1] ? `at ${match[1]} (${where})` : `at ${where}`;
  }
  return undefined;
}

/** Names a CommonJS module has that the sandbox does not. */
const moduleNames = ['require', 'module', 'exports', '__dirname', '__filename'];

/**
 * A name the scenario used that Node has and the sandbox does not (process, fetch,
 * setTimeout, require...): say why it is missing rather than leave a bare ReferenceError.
 */
export function sandboxHint(message: string): string {
  // The simulator wraps a thread's error: "thread "main" raised: process is not defined".
  const missing = /(?:^|: )(\S+) is not defined$/.exec(message)?.[1];
  if (!missing) return '';
  if (!(missing in globalThis) && !moduleNames.includes(missing)) return '';
  return `\n  a scenario runs sandboxed: standard JavaScript and the "gilsim" API only, with no ${missing}, file system, child processes, network or environment`;
}
