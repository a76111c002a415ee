import { describe, expect, test } from 'vitest';
import { build } from 'esbuild';
import { decodeMappings, frameIn, inlineSourceMap, originalLine, tagYields } from '../../src/playground/run/source-lines';

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

describe('tagging yields with their lines', () => {
  const source = [
    'const note = "a string with yield inside";',         // 1
    '/* a comment: yield here */',                       // 2
    'export function* scenario(): Generator<unknown, unknown, unknown> {',  // 3
    '  const first = yield "op-a";',                    // 4
    '  yield;',                                          // 5  bare yield: untouched
    // biome-ignore lint/suspicious/noTemplateCurlyInString: scenario source as text, with a template literal in it.
    '  const text = `template ${note} yield`;',          // 6
    '  for (let i = 0; i < 2; i++) {',                  // 7
    '    yield i > 0 ? "op-c" : "op-b";',                // 8  conditional operand
    '  }',                                               // 9
    '  yield* inner();',                                 // 10 delegation
    '  const sum = (yield "op-e") as number + 1;',       // 11
    '  return [first, text, sum];',                      // 12
    '}',                                                 // 13
    'function* inner() {',                               // 14
    '  yield "op-d"; // yield in a comment',            // 15
    '}',                                                 // 16
  ].join('\n');

  test('each operation is preceded by its TypeScript line, and behaviour is unchanged', async () => {
    const output = await build({
      stdin: { contents: source, loader: 'ts', sourcefile: 'scenario.ts' },
      bundle: true, format: 'iife', globalName: 'G', sourcemap: 'inline', write: false, logLevel: 'silent', target: 'es2022',
    });
    const code = output.outputFiles[0].text;
    const tagged = tagYields(code, inlineSourceMap(code)!, '__at');
    expect(tagged).toContain('"a string with yield inside"');
    let line: number | undefined;
    const module = new Function('__at', `${tagged}\nreturn G;`)((at: number) => ((line = at), false)) as { scenario: () => Generator };
    const seen: [unknown, number | undefined][] = [];
    const generator = module.scenario();
    let step = generator.next();
    let feed = 1;
    while (!step.done) {
      seen.push([step.value, line]);
      line = undefined;
      step = generator.next(feed++);
    }
    expect(seen).toEqual([['op-a', 4], [undefined, undefined], ['op-b', 8], ['op-c', 8], ['op-d', 15], ['op-e', 11]]);
    expect(step.value).toEqual([1, 'template a string with yield inside yield', 7]); // op-e was answered with 6
  });
});
