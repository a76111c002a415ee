/**
 * The names a Python module binds at module level, read from its source without running
 * it: what `def`, `class`, `import`, `from ... import`, assignments, `for`, `with ... as`
 * and `except ... as` bind outside any function or class body. The exporter keeps the
 * scenario's identifiers off these names for the prelude (python-names.ts): a lock named
 * "zlib" at module level would rebind the module the prelude compresses with.
 *
 * Just enough of Python's lexical rules to find statements and their heads: comments,
 * strings (any prefix, triple-quoted, backslash escapes), brackets and backslash
 * continuations join physical lines into logical ones, and indentation gives the blocks.
 * Statements under an `if`, `try`, `with`, `for` or `while` at module level still bind in
 * the module (`try: import queue` / `except ImportError: import Queue as queue`); under a
 * `def` or `class` they bind in that scope and do not count. Not handled, as the prelude
 * needs none of them: f-strings that nest their own quote (3.12+), `match` patterns, names
 * bound inside expressions (`:=`, Python 2's leaking list comprehensions).
 */

/** One logical line: its indentation (columns) and its code, strings emptied and comments dropped. */
interface LogicalLine {
  indent: number;
  code: string;
  /** 1-based, of its first physical line, for messages. */
  line: number;
}

const identifier = /^[A-Za-z_]\w*$/;

/** Keywords that never start an assignment target: a part of `a = b = ...` with one is an expression. */
const expressionKeywords = /\b(?:lambda|if|else|for|in|not|and|or|is|yield|await|None|True|False)\b/;

/** The module-level names `source` binds, in order of first binding. Throws on `from m import *` (its names cannot be known). */
export function moduleBindings(source: string): string[] {
  const names = new Set<string>();
  const bind = (name: string) => {
    if (identifier.test(name)) names.add(name);
  };
  /** Indentation of each open block, and whether it is a function or class body. */
  const blocks: { indent: number; scope: boolean }[] = [];
  for (const { indent, code, line } of logicalLines(source)) {
    while (blocks.length && blocks[blocks.length - 1].indent >= indent) blocks.pop();
    const atModuleLevel = !blocks.some((block) => block.scope);
    const header = /^(?:async\s+)?(def|class|if|elif|else|try|except|finally|while|for|with)\b/.exec(code);
    if (!header) {
      if (atModuleLevel) for (const statement of splitTopLevel(code, ';')) simpleStatementBindings(statement, bind, line);
      continue;
    }
    const keyword = header[1];
    const colon = headerColon(code);
    const head = code.slice(header[0].length, colon).trim();
    const body = code.slice(colon + 1).trim();
    const scope = keyword === 'def' || keyword === 'class';
    if (atModuleLevel) {
      if (scope) bind(/^\w+/.exec(head)?.[0] ?? '');
      else if (keyword === 'for') targetBindings(head.replace(/\s+in\s[\s\S]*$/, ''), bind);
      else if (keyword === 'with' || keyword === 'except') {
        for (const match of head.matchAll(/\bas\s+([A-Za-z_]\w*)/g)) bind(match[1]);
      }
      // A body on the header's own line (`if PY2: x = 1`) is in the block.
      if (!scope && body) for (const statement of splitTopLevel(body, ';')) simpleStatementBindings(statement, bind, line);
    }
    blocks.push({ indent, scope });
  }
  return [...names];
}

/** What one simple statement binds: imports and assignment targets. */
function simpleStatementBindings(statement: string, bind: (name: string) => void, line: number): void {
  const text = statement.trim();
  const fromImport = /^from\s+\S+\s+import\s+([\s\S]*)$/.exec(text);
  if (fromImport) {
    for (const part of fromImport[1].replace(/^\(|\)$/g, '').split(',')) {
      const [name, alias] = part.trim().split(/\s+as\s+/);
      if (name === '*') throw new Error(`line ${line}: \`from ... import *\` binds names that cannot be read from the source`);
      bind(alias ?? name);
    }
    return;
  }
  const plainImport = /^import\s+([\s\S]*)$/.exec(text);
  if (plainImport) {
    for (const part of plainImport[1].split(',')) {
      const [dotted, alias] = part.trim().split(/\s+as\s+/);
      // `import os.path` binds `os`.
      bind(alias ?? dotted.split('.')[0]);
    }
    return;
  }
  const parts = splitAssignment(text);
  for (const target of parts.slice(0, -1)) {
    if (expressionKeywords.test(target)) break;
    // An annotated assignment, `x: int = 1`.
    targetBindings(target.replace(/:[\s\S]*$/, ''), bind);
  }
}

/** Names in an assignment target: `a`, `a, b`, `(a, [b, *c])`; attributes and subscripts bind none. */
function targetBindings(target: string, bind: (name: string) => void): void {
  for (const part of splitTopLevel(target, ',')) {
    const item = part.trim().replace(/^\*/, '');
    if (/^[([][\s\S]*[)\]]$/.test(item)) targetBindings(item.slice(1, -1), bind);
    else bind(item);
  }
}

/**
 * `text` split at its top-level `=` signs (not `==`, `<=`, `>=`, `!=`, and not inside
 * brackets); an augmented `x += 1` counts as binding x too.
 */
function splitAssignment(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === '=' && depth === 0) {
      if (text[i + 1] === '=') {
        i++; // `==`
        continue;
      }
      const before = text[i - 1];
      // `!=`, `<=`, `>=` compare; `<<=` and `>>=` assign.
      if (before === '!' || ((before === '<' || before === '>') && text[i - 2] !== before)) continue;
      // Augmented assignment: the operator's characters belong to neither side.
      parts.push(text.slice(start, i).replace(/(?:\*\*|\/\/|>>|<<|[-+*/%@&|^])$/, ''));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts;
}

/** `text` split at `separator` where it is outside brackets. */
function splitTopLevel(text: string, separator: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === separator && depth === 0) {
      parts.push(text.slice(start, i));
      start = i + 1;
    }
  }
  parts.push(text.slice(start));
  return parts.filter((part) => part.trim() !== '');
}

/** Index of the colon that ends a compound statement's header (the first outside brackets, not `:=`). */
function headerColon(code: string): number {
  let depth = 0;
  for (let i = 0; i < code.length; i++) {
    const char = code[i];
    if ('([{'.includes(char)) depth++;
    else if (')]}'.includes(char)) depth--;
    else if (char === ':' && depth === 0 && code[i + 1] !== '=') return i;
  }
  return code.length;
}

/** The logical lines of `source`, as Python's tokenizer joins them. */
function logicalLines(source: string): LogicalLine[] {
  const lines: LogicalLine[] = [];
  const text = source.replace(/\r\n?/g, '\n');
  let code = '';
  let indent = 0;
  let startLine = 1;
  let line = 1;
  let depth = 0;
  /** At the start of a logical line: indentation is being read. */
  let fresh = true;
  const end = () => {
    if (code.trim()) lines.push({ indent, code: code.trim(), line: startLine });
    code = '';
    fresh = true;
  };
  for (let i = 0; i < text.length; i++) {
    const char = text[i];
    if (fresh) {
      // Indentation: a tab moves to the next multiple of 8, as in Python's tokenizer.
      let column = 0;
      while (text[i] === ' ' || text[i] === '\t' || text[i] === '\f') {
        column = text[i] === '\t' ? (Math.floor(column / 8) + 1) * 8 : text[i] === ' ' ? column + 1 : 0;
        i++;
      }
      if (i >= text.length) break;
      indent = column;
      startLine = line;
      fresh = false;
      i--;
      continue;
    }
    if (char === '#') {
      while (i + 1 < text.length && text[i + 1] !== '\n') i++;
    } else if (char === '"' || char === "'") {
      const quote = text.startsWith(char.repeat(3), i) ? char.repeat(3) : char;
      i += quote.length;
      while (i < text.length && !text.startsWith(quote, i)) {
        if (text[i] === '\\') i++;
        else if (text[i] === '\n' && quote.length === 1) throw new Error(`line ${line}: a string is not closed`);
        if (text[i] === '\n') line++;
        i++;
      }
      if (i >= text.length) throw new Error(`line ${startLine}: a string is not closed`);
      i += quote.length - 1;
      // The prefix letters (r, b, u, f...) stay: an empty string is all the statement's shape needs.
      code += '""';
    } else if (char === '\\' && text[i + 1] === '\n') {
      code += ' ';
      i++;
      line++;
    } else if (char === '\n') {
      line++;
      if (depth > 0) code += ' ';
      else end();
    } else {
      if ('([{'.includes(char)) depth++;
      else if (')]}'.includes(char)) depth = Math.max(0, depth - 1);
      code += char;
    }
  }
  end();
  return lines;
}
