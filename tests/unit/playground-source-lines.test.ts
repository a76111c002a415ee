import { describe, expect, test } from 'vitest';
import { build } from 'esbuild';
import { decodeMappings, frameIn, inlineSourceMap, originalLine } from '../../src/playground/run/source-lines';

describe('scenario lines from compiled code', () => {
  test('VLQ decoding follows the source map spec', () => {
    // "AAAA;AACA" : line 0 col 0 → source line 0; line 1 col 0 → source line 1.
    expect(decodeMappings('AAAA;AACA')).toEqual([[[0, 0]], [[0, 1]]]);
    // Deltas: E = +2, F = -2 (third field is the source line).
    expect(decodeMappings('AAAA,EAEA,EAFA')).toEqual([[[0, 0], [2, 2], [4, 0]]]);
  });

  test('maps a position in esbuild output back to the TypeScript line', async () => {
    const source = [
      'type Jobs = number;',          // 1
      'const jobs: Jobs = 3;',         // 2
      '',                              // 3
      'export function work() {',      // 4
      '  const x: string = "a";',      // 5
      '  return marker(jobs, x);',     // 6
      '}',                             // 7
      'declare function marker(a: number, b: string): number;',
    ].join('\n');
    const output = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: 'scenario.ts' },
      bundle: true, format: 'iife', globalName: 'g', sourcemap: 'inline', write: false, logLevel: 'silent',
    });
    const code = output.outputFiles[0].text;
    const table = inlineSourceMap(code);
    expect(table).toBeDefined();
    const lines = code.split('\n');
    const generatedLine = lines.findIndex((line) => line.includes('marker(jobs')) + 1;
    const column = lines[generatedLine - 1].indexOf('marker(jobs') + 1;
    expect(originalLine(table!, generatedLine, column)).toBe(6);
  });

  test('finds the scenario frame in a V8 stack', () => {
    const url = 'blob:null/0b7c-11';
    const stack = `Error\n    at recordLine (blob:null/aaaa:1:200)\n    at py (blob:null/aaaa:1:900)\n    at main (${url}:12:19)\n    at step (blob:null/aaaa:1:5000)`;
    expect(frameIn(stack, url)).toEqual({ line: 12, column: 19 });
    expect(frameIn(stack, 'blob:null/none')).toBeUndefined();
    expect(frameIn(undefined, url)).toBeUndefined();
  });
});
