/**
 * The API reference page is generated from the simulator's TSDoc (src/page-data/tsdoc.ts).
 * These tests hold the page and the code together: every export is documented,
 * listed on the page, and every call a scenario author makes has a runnable example.
 */
import { describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import * as gilsim from 'gilsim';
import { extractApi, apiEntry } from '../../src/page-data/tsdoc';
import { docToHtml, inlineToHtml } from '../../src/page-data/doc-text';
import { chapterFigures, formatFigure, formatRange } from '../../src/page-data/chapter-figures';
import { defaultComments, parameterRows, parameterSources, runtimeRows } from '../../src/page-data/parameters';
import { citationHtml, citationsIn, malformedCitationsIn } from '../../src/page-data/sources';

const api = extractApi();
const pageSource = readFileSync('content/api/index.mdx', 'utf8');

/** Export names the page passes to <ApiReference name="…"> or names={[…]}. */
function namesOnPage(mdx: string): string[] {
  const single = [...mdx.matchAll(/<ApiReference\s+name="([^"]+)"/g)].map((match) => match[1]);
  const lists = [...mdx.matchAll(/<ApiReference\s+names=\{\[([^\]]*)\]\}/g)]
    .flatMap((match) => [...match[1].matchAll(/'([^']+)'/g)].map((name) => name[1]));
  return [...single, ...lists];
}

const kebab = (name: string) => name.replace(/[A-Z]/g, (letter, index) => (index ? '-' : '') + letter.toLowerCase());

describe('TSDoc extraction', () => {
  it('finds every runtime export of gilsim', () => {
    const extracted = new Set(api.map((entry) => entry.name));
    expect(Object.keys(gilsim).filter((name) => !extracted.has(name))).toEqual([]);
  });

  it('also finds the type-only exports, marked as such', () => {
    expect(apiEntry('RunResult', api).typeOnly).toBe(true);
    expect(apiEntry('ScenarioConfig', api).kind).toBe('interface');
    expect(apiEntry('py', api).typeOnly).toBe(false);
  });

  it('gives every export a TSDoc description', () => {
    expect(api.filter((entry) => entry.doc === '').map((entry) => entry.name)).toEqual([]);
  });

  it('prints signatures as the source writes them', () => {
    expect(apiEntry('py', api).signature).toBe('function py(bytecodes: number): PyOp');
    expect(apiEntry('presetParams', api).signature).toContain('name: RuntimeName');
    expect(apiEntry('Lock', api).signature).toContain('new Lock(name?: string)');
    expect(apiEntry('ScenarioConfig', api).signature).toBe('interface ScenarioConfig<K extends KnobSpecs = KnobSpecs> extends MachineOverrides');
  });

  it('documents class and interface members', () => {
    const acquire = apiEntry('Lock', api).members.find((member) => member.name === 'acquire');
    expect(acquire?.doc).toMatch(/GIL released/);
    const cpus = apiEntry('ScenarioConfig', api).members.find((member) => member.name === 'cpus');
    expect(cpus?.signature).toBe('cpus?: number');
  });

  it('keeps the barrel sections', () => {
    expect(apiEntry('spawn', api).section).toBe('Writing scenarios');
    expect(apiEntry('runScenario', api).section).toBe('Running');
  });

  it('fails loudly for a name that is not exported', () => {
    expect(() => apiEntry('notAnExport', api)).toThrow(/not an export of gilsim/);
  });
});

describe('the API reference page', () => {
  const listed = namesOnPage(pageSource);

  it('lists every export', () => {
    const onPage = new Set(listed);
    expect(api.map((entry) => entry.name).filter((name) => !onPage.has(name))).toEqual([]);
  });

  it('lists each export once and nothing that is not exported', () => {
    const exported = new Set(api.map((entry) => entry.name));
    expect(listed.filter((name) => !exported.has(name))).toEqual([]);
    expect(listed.filter((name, index) => listed.indexOf(name) !== index)).toEqual([]);
  });

  const authorCalls = api.filter((entry) => entry.section === 'Writing scenarios' && !entry.typeOnly);

  it.each(authorCalls.map((entry) => [entry.name]))('has a runnable example for %s', async (name) => {
    const file = `content/api/${kebab(name)}.ts`;
    expect(existsSync(file), `${file} exists`).toBe(true);
    expect(readFileSync(file, 'utf8')).toMatch(new RegExp(`import \\{[^}]*\\b${name}\\b[^}]*\\} from "gilsim"`));
    const module = await import(`../../${file}`);
    expect(module.default.kind).toBe('gilsim-scenario');
    const embed = new RegExp(`<ApiReference name="${name}">\\s*<Scenario id="api/${kebab(name)}"`);
    expect(pageSource).toMatch(embed);
  });
});

describe('doc text to HTML', () => {
  it('escapes markup and turns backticks into code', () => {
    expect(inlineToHtml('use `a < b` & <b>')).toBe('use <code>a &lt; b</code> &amp; &lt;b&gt;');
  });

  it('joins wrapped lines and splits paragraphs on blank lines', () => {
    expect(docToHtml('one\ntwo\n\nthree')).toBe('<p>one two</p>\n<p>three</p>');
  });

  it('leaves an unmatched backtick as text', () => {
    expect(inlineToHtml('a ` b')).toBe('a ` b');
  });
});

describe('the parameter table of "How the simulator works"', () => {
  it('has a row with a description, a default and a source for every SimParams field', () => {
    const rows = parameterRows();
    const fields = apiEntry('SimParams', api).members.map((member) => member.name);
    expect(rows.map((row) => row.name)).toEqual(fields);
    for (const row of rows) {
      expect(row.description, row.name).not.toBe('');
      expect(row.value, row.name).not.toBe('');
      expect(row.source.text, row.name).not.toBe('');
    }
  });

  it('has a source for every parameter, from the code\'s comment or the curated list', () => {
    expect(parameterRows().filter((row) => row.source.text === 'not documented yet').map((row) => row.name)).toEqual([]);
  });

  it('takes the source from the comment beside the default, with the tag of its first citation', () => {
    const context = parameterRows().find((candidate) => candidate.name === 'contextSwitchUs');
    expect(context?.source.text).toBe(defaultComments().get('contextSwitchUs'));
    expect(context?.source.tag).toBe('S');
    expect(parameterRows().find((candidate) => candidate.name === 'seed')?.source.tag).toBe('—');
  });

  it('keeps a curated source only for defaults with no comment beside them (one source per default)', () => {
    const commented = defaultComments();
    expect(Object.keys(parameterSources).filter((name) => commented.has(name))).toEqual([]);
  });

  it('falls back to the comment beside the default in runtimes.ts', () => {
    expect(defaultComments().get('contextSwitchUs')).toMatch(/2\.26–2\.32 µs/);
    // Not the comment on a machine profile's override of the same name.
    expect(defaultComments().get('signalUs')).toMatch(/^futex wake syscall/);
    expect(defaultComments().get('signalUs')).not.toMatch(/so one CPU runs 2 threads/);
    expect(defaultComments().has('bytecodeNs')).toBe(false);
  });

  it('cites every primary, secondary or measured default by a key, in the citation syntax', () => {
    const rows = parameterRows();
    const uncited = rows.filter((row) => ['P', 'S', 'M'].includes(row.source.tag) && citationsIn(row.source.text).length === 0);
    expect(uncited.map((row) => row.name)).toEqual([]);
    expect(rows.flatMap((row) => malformedCitationsIn(row.source.text).map((citation) => `${row.name}: ${citation}`))).toEqual([]);
  });

  it('links each cited key to its entry on the Sources page, under the base path', () => {
    const context = parameterRows().find((candidate) => candidate.name === 'contextSwitchUs')!;
    expect(citationHtml(context.source.text, '/gil-lab/'))
      .toContain('[S <a href="/gil-lab/sources/#ctx-switch-published">ctx-switch-published</a>]');
    expect(citationHtml('fitted [F sources:m-gil-battle, sources:beazley-2010] to `x < y`', '/'))
      .toBe('fitted [F <a href="/sources/#m-gil-battle">m-gil-battle</a>, <a href="/sources/#beazley-2010">beazley-2010</a>] to <code>x &lt; y</code>');
  });

  it('records no source for a parameter that does not exist', () => {
    const fields = new Set(apiEntry('SimParams', api).members.map((member) => member.name));
    expect(Object.keys(parameterSources).filter((name) => !fields.has(name))).toEqual([]);
  });

  it('shows the default runtime\'s values', () => {
    const switchInterval = parameterRows().find((row) => row.name === 'switchIntervalMs');
    expect(switchInterval?.value).toBe('5');
    expect(parameterRows().find((row) => row.name === 'processStartMs')?.value).toBe('fork 1.7, forkserver 24, spawn 85');
    expect(parameterRows().find((row) => row.name === 'firstProcessStartMs')?.value).toBe('fork 7.2, forkserver 35, spawn 6.5');
  });

  it('lists every runtime preset', () => {
    expect(runtimeRows().map((row) => row.name)).toEqual(gilsim.runtimeNames);
    expect(runtimeRows().find((row) => row.name === 'cpython-2.2')?.checkInterval).toBe('10');
  });
});

describe('what the chapters say their examples show', () => {
  const figures = new Map(chapterFigures().map((figure) => [figure.what, figure]));
  const simulated = (prefix: string) => {
    const figure = [...figures.values()].find((candidate) => candidate.what.startsWith(prefix));
    if (!figure) throw new Error(`no chapter figure "${prefix}"`);
    return figure.simulated;
  };

  it('two CPU-bound threads are clearly slower than one under the old GIL on two CPUs (the GIL battle)', () => {
    expect(simulated('Two CPU-bound threads vs one thread doing both jobs, CPython 2.7')).toBeGreaterThan(1.3);
  });

  it("the modelled MacBook reproduces Beazley's finding: worse on two CPUs than on one", () => {
    const twoCpus = simulated("Beazley's countdown");
    const oneCpu = [...figures.values()].find((figure) => figure.what === 'The same with one CPU')!.simulated;
    expect(twoCpus).toBeGreaterThan(oneCpu);
    expect(oneCpu).toBeGreaterThan(1.2);
  });

  it('the battle disappears on one CPU and under the new GIL', () => {
    expect(simulated('The same on one CPU (taskset')).toBeLessThan(1.1);
    expect(simulated('Two CPU-bound threads vs one thread doing both jobs, CPython 3.12')).toBeLessThan(1.1);
  });

  it('two processes nearly halve the time', () => {
    expect(simulated('Two processes')).toBeLessThan(0.7);
  });

  it('under the new GIL each blocking call beside a CPU-bound thread costs about one switch interval', () => {
    expect(simulated('Time each blocking call')).toBeGreaterThan(4);
    expect(simulated('Time each blocking call')).toBeLessThan(7);
  });

  it('the old GIL\'s penalty for the same I/O loop is far smaller', () => {
    expect(simulated('An I/O loop beside a CPU-bound thread vs alone, CPython 2.7')).toBeLessThan(3);
  });

  it('formats figures and ranges for the table', () => {
    expect(formatFigure(1.534, '×')).toBe('1.53×');
    expect(formatRange([1.5, 1.61], '×')).toBe('1.50–1.61×');
    expect(formatRange([5.2, 5.2], 'ms')).toBe('5.2 ms');
    expect(formatRange([4, 6], 'ms')).toBe('4.0–6.0 ms');
  });
});
