/**
 * From a position in the compiled JavaScript back to the line of the reader's
 * TypeScript, using the inline source map esbuild writes. Browsers do not apply
 * source maps to `Error.stack`, so the runner reads the stack itself. Pure.
 */

const base64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const base64Values = new Map([...base64].map((char, index) => [char, index]));

/** For each generated line (0-based), its segments as [generatedColumn, originalLine] pairs (0-based). */
export type LineTable = [number, number][][];

/** Decode a source map's `mappings` (VLQ) into a per-line table of original lines. */
export function decodeMappings(mappings: string): LineTable {
  const table: LineTable = [];
  let originalLine = 0;
  for (const lineText of mappings.split(';')) {
    const segments: [number, number][] = [];
    let generatedColumn = 0;
    for (const segment of lineText.split(',')) {
      if (!segment) continue;
      const fields = decodeVlq(segment);
      generatedColumn += fields[0];
      if (fields.length >= 4) {
        originalLine += fields[2];
        segments.push([generatedColumn, originalLine]);
      }
    }
    table.push(segments);
  }
  return table;
}

/** Decode one VLQ segment into its signed fields. */
function decodeVlq(segment: string): number[] {
  const fields: number[] = [];
  let value = 0;
  let shift = 0;
  for (const char of segment) {
    const digit = base64Values.get(char);
    if (digit === undefined) throw new Error(`bad source map character "${char}"`);
    value += (digit & 31) << shift;
    if (digit & 32) {
      shift += 5;
    } else {
      fields.push(value & 1 ? -(value >>> 1) : value >>> 1);
      value = 0;
      shift = 0;
    }
  }
  return fields;
}

/** The original line (1-based) for a generated position (1-based line, 1-based column). */
export function originalLine(table: LineTable, line: number, column: number): number | undefined {
  const segments = table[line - 1];
  if (!segments?.length) return undefined;
  let found: number | undefined;
  for (const [generatedColumn, original] of segments) {
    if (generatedColumn > column - 1) break;
    found = original;
  }
  return (found ?? segments[0][1]) + 1;
}

/** Read the inline source map (`//# sourceMappingURL=data:…;base64,…`) at the end of compiled code. */
export function inlineSourceMap(code: string): LineTable | undefined {
  const match = /\/\/# sourceMappingURL=data:application\/json;(?:charset=utf-8;)?base64,([A-Za-z0-9+/=]+)\s*$/.exec(code);
  if (!match) return undefined;
  try {
    const json = JSON.parse(atob(match[1])) as { mappings?: string };
    return typeof json.mappings === 'string' ? decodeMappings(json.mappings) : undefined;
  } catch {
    return undefined;
  }
}

/** The first stack frame inside `moduleUrl`, as 1-based line and column. */
export function frameIn(stack: string | undefined, moduleUrl: string): { line: number; column: number } | undefined {
  if (!stack) return undefined;
  let from = stack.indexOf(moduleUrl);
  while (from !== -1) {
    const match = /^:(\d+):(\d+)/.exec(stack.slice(from + moduleUrl.length));
    if (match) return { line: Number(match[1]), column: Number(match[2]) };
    from = stack.indexOf(moduleUrl, from + 1);
  }
  return undefined;
}

/**
 * Tag every `yield` of compiled scenario code with the TypeScript line it came from:
 * `yield EXPR` becomes `yield MARKER(line) ? 0 : EXPR` (MARKER returns a falsy value).
 * A conditional whose alternative is any AssignmentExpression keeps every `yield`
 * operand's meaning, and the runner learns each operation's line without capturing a
 * stack per operation (about 15 µs each, which made long runs take seconds).
 * Strings, template literals and comments are skipped; bare `yield` is left alone.
 */
export function tagYields(code: string, table: LineTable, marker: string): string {
  const out: string[] = [];
  let line = 1;
  let lineStart = 0;
  let copied = 0;
  let i = 0;
  const n = code.length;
  const skipQuoted = (quote: string) => {
    i++;
    while (i < n && code[i] !== quote) {
      if (code[i] === '\\') i++;
      else if (code[i] === '\n') {
        line++;
        lineStart = i + 1;
      }
      i++;
    }
    i++;
  };
  while (i < n) {
    const char = code[i];
    if (char === '\n') {
      line++;
      lineStart = ++i;
    } else if (char === '"' || char === "'" || char === '`') {
      skipQuoted(char);
    } else if (char === '/' && code[i + 1] === '/') {
      while (i < n && code[i] !== '\n') i++;
    } else if (char === '/' && code[i + 1] === '*') {
      const end = code.indexOf('*/', i + 2);
      const stop = end < 0 ? n : end + 2;
      for (; i < stop; i++) {
        if (code[i] === '\n') {
          line++;
          lineStart = i + 1;
        }
      }
    } else if (char === 'y' && code.startsWith('yield', i) && !/[\w$.]/.test(code[i - 1] ?? '') && !/[\w$]/.test(code[i + 5] ?? '')) {
      let operand = i + 5;
      if (code[operand] === '*') operand++;
      while (code[operand] === ' ') operand++;
      if (!/^[;)\]},:\n]/.test(code[operand] ?? ';')) {
        const original = originalLine(table, line, i - lineStart + 1);
        if (original !== undefined) {
          out.push(code.slice(copied, operand), `${marker}(${original}) ? 0 : `);
          copied = operand;
        }
      }
      i = operand;
    } else {
      i++;
    }
  }
  out.push(code.slice(copied));
  return out.join('');
}
