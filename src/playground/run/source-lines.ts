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
