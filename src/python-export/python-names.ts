/**
 * Python identifiers for the scenario's tasks and sync objects. They are made from the
 * scenario's names, which can be anything, so each is reduced to lowercase ASCII letters,
 * digits and underscores (valid on Python 2 and 3) and kept off every name the program
 * already uses: keywords, builtins, and every name the prelude binds at module level (read
 * from prelude.py itself). Rebinding one of those (a lock named "sum" or "zlib") would break the
 * prelude, not just look odd.
 */

import prelude from './prelude.py?raw';
import { moduleBindings } from './python-bindings';

/** Long names are cut: an identifier is for reading, the full name stays in a comment. */
const maxLength = 48;

/** Keywords of Python 2 and 3 (`print` and `exec` are Python 2's). */
const keywords = [
  'and', 'as', 'assert', 'async', 'await', 'break', 'class', 'continue', 'def', 'del', 'elif', 'else', 'except', 'exec',
  'finally', 'for', 'from', 'global', 'if', 'import', 'in', 'is', 'lambda', 'nonlocal', 'not', 'or', 'pass', 'print',
  'raise', 'return', 'try', 'while', 'with', 'yield',
];

/** The lowercase builtins of Python 2.7 and 3.13 (`dir(builtins)`); the capitalised ones cannot collide. */
const builtins = [
  'abs', 'aiter', 'all', 'anext', 'any', 'apply', 'ascii', 'basestring', 'bin', 'bool', 'breakpoint', 'buffer',
  'bytearray', 'bytes', 'callable', 'chr', 'classmethod', 'cmp', 'coerce', 'compile', 'complex', 'copyright', 'credits',
  'delattr', 'dict', 'dir', 'divmod', 'enumerate', 'eval', 'execfile', 'exit', 'file', 'filter', 'float', 'format',
  'frozenset', 'getattr', 'globals', 'hasattr', 'hash', 'help', 'hex', 'id', 'input', 'int', 'intern', 'isinstance',
  'issubclass', 'iter', 'len', 'license', 'list', 'locals', 'long', 'map', 'max', 'memoryview', 'min', 'next', 'object',
  'oct', 'open', 'ord', 'pow', 'property', 'quit', 'range', 'raw_input', 'reduce', 'reload', 'repr', 'reversed', 'round',
  'set', 'setattr', 'slice', 'sorted', 'staticmethod', 'str', 'sum', 'super', 'tuple', 'type', 'unichr', 'unicode',
  'vars', 'xrange', 'zip',
];

/** Names the program binds at module level: the prelude's (read from prelude.py) and the scenario part's. */
export const programNames: readonly string[] = [
  ...moduleBindings(prelude),
  'SETTINGS', 'TASKS',
  // The bare kind names stay free, so an object without a usable name is numbered (lock_2, task_2).
  'task', 'lock', 'event', 'queue',
];

/** Python identifiers that say what they name and collide with nothing in the program. */
export class PythonNames {
  #taken = new Set<string>([...keywords, ...builtins, ...programNames].map((name) => name.toLowerCase()));

  /** A fresh identifier like `wanted`; `fallback` (an identifier) when nothing of `wanted` is usable. */
  claim(wanted: string, fallback: string): string {
    let base = wanted.toLowerCase().replace(/[^a-z0-9_]+/g, '_').slice(0, maxLength).replace(/^_+|_+$/g, '');
    if (!base) base = fallback;
    if (/^[0-9]/.test(base)) base = `${fallback}_${base}`;
    let name = base;
    for (let n = 2; this.#taken.has(name); n++) name = `${base}_${n}`;
    this.#taken.add(name);
    return name;
  }
}
