/**
 * Text from a scenario (thread, lock, event and queue names, titles, log lines, queue
 * items) written into Python source. Names are the scenario author's, and a shared
 * scenario's author may be hostile: a newline in a name that reached a `#` comment raw
 * would start a new line of code. So every string reaches the program either as an
 * escaped ASCII literal (`pyString`) or, in comments and the docstring, with every
 * character that is not plainly printable written as an escape (`pyCommentText`).
 */

/**
 * Characters never written raw into Python source: C0 and C1 controls (\n and \r end a
 * line for Python's tokenizer; NUL makes 3.12+ refuse the file), Unicode line and
 * paragraph separators and the other characters `str.splitlines` breaks at (\v, \f,
 * \x1c-\x1e, \x85: editors and tools split there), format characters (bidi overrides
 * make a line read differently than it runs), lone surrogates (not encodable in UTF-8),
 * private-use and unassigned code points.
 */
const unprintable = /[\p{Cc}\p{Cf}\p{Cs}\p{Co}\p{Cn}\p{Zl}\p{Zp}]/gu;

const namedEscapes: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/** Python's escape for one code point: \n, \xhh (ASCII), \uhhhh or \Uhhhhhhhh. */
function escapeCodePoint(char: string): string {
  const named = namedEscapes[char];
  if (named) return named;
  const code = char.codePointAt(0)!;
  if (code < 0x80) return `\\x${code.toString(16).padStart(2, '0')}`;
  if (code <= 0xffff) return `\\u${code.toString(16).padStart(4, '0')}`;
  return `\\U${code.toString(16).padStart(8, '0')}`;
}

/**
 * `text` on one line, for a comment or a docstring: backslashes doubled and every
 * unprintable character written as its Python escape, so the reader sees `\n` where
 * the name has a newline. Printable non-ASCII stays as it is (the file is UTF-8).
 */
export function pyCommentText(text: string): string {
  return text.replace(/\\/g, '\\\\').replace(unprintable, escapeCodePoint);
}

/** A line of a triple-quoted docstring: one line (pyCommentText), and no `"""` to end it early. */
export function pyDocstringLine(text: string): string {
  return pyCommentText(text).replace(/"""/g, '\\"\\"\\"');
}

/** A number as a Python literal. */
export function pyNumber(value: number): string {
  if (Number.isNaN(value)) return 'float("nan")';
  if (!Number.isFinite(value)) return value > 0 ? 'float("inf")' : '-float("inf")';
  return String(value);
}

/** A string as a Python literal (ASCII only, so Python 2 reads it the same). */
export function pyString(text: string): string {
  let out = '"';
  for (const char of text) {
    const code = char.codePointAt(0)!;
    if (char === '"' || char === '\\') out += `\\${char}`;
    else if (code >= 0x20 && code < 0x7f) out += char;
    else out += escapeCodePoint(char);
  }
  return `${out}"`;
}

/** A one-line docstring: triple-quoted when the text allows it, an escaped string otherwise. */
export function pyDocstring(text: string): string {
  const literal = pyString(text);
  return literal.includes('\\') ? literal : `""${literal}""`;
}

/** A JSON-like value as a Python literal; anything else (functions, cycles) becomes its description. */
export function pyLiteral(value: unknown, depth = 0): string {
  if (value === null || value === undefined) return 'None';
  if (typeof value === 'boolean') return value ? 'True' : 'False';
  if (typeof value === 'number') return pyNumber(value);
  if (typeof value === 'bigint') return String(value);
  if (typeof value === 'string') return pyString(value);
  if (depth > 20) return pyString('<nested too deep>');
  if (Array.isArray(value)) return `[${value.map((item) => pyLiteral(item, depth + 1)).join(', ')}]`;
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, item]) => typeof item !== 'function');
    return `{${entries.map(([key, item]) => `${pyString(key)}: ${pyLiteral(item, depth + 1)}`).join(', ')}}`;
  }
  return pyString(String(value));
}
