/**
 * Hostile scenarios against the playground's runner and compiler, in real Chromium:
 * forging results through the worker's port or its globals, huge and malformed
 * replies, network access (against a local server that records every request),
 * loops left running after a run, a memory bomb, and code that breaks esbuild.
 * Each time the page must show the truth or a clear message, keep working, and run
 * the next scenario normally. Uses the plain editor (no Monaco) to stay quick.
 */
import { afterAll, beforeAll, describe, expect, onTestFinished } from 'vitest';
import { createServer, type Server } from 'node:http';
import type { BrowserContext, Page } from 'playwright-core';
import { collectErrors, launchChromium, test } from './harness';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { siteCsp } from '../../src/site/site-csp';

const testPage = 'test/playground/';
const distDir = new URL('../../dist/', import.meta.url).pathname;
const fixture = await readFile(new URL('./fixtures/playground-scenario.ts', import.meta.url), 'utf8');

type Host = HTMLElement & { dataset: DOMStringMap };

async function openPlainEditor(page: Page, url: string): Promise<void> {
  await page.goto(url + testPage);
  await page.evaluate(() => document.querySelector('gil-playground')!.setAttribute('data-plain-editor', ''));
  await page.click('gil-playground [data-action="edit"]');
  await page.waitForSelector('gil-playground[data-state="ready"]', { timeout: 60_000 });
}

/** Put `code` in the editor, press Run, and wait for the outcome (data-outcome). */
async function run(page: Page, code: string): Promise<string> {
  await page.locator('.gil-textarea-editor textarea').fill(code);
  await page.evaluate(() => delete document.querySelector<Host>('gil-playground')!.dataset.outcome);
  await page.click('gil-playground [data-action="run"]');
  await page.waitForFunction(() => document.querySelector<Host>('gil-playground')!.dataset.outcome, null, { timeout: 60_000 });
  return (await page.getAttribute('gil-playground', 'data-outcome')) ?? '';
}

const text = (page: Page, selector: string) => page.locator(selector).innerText();
const wallTime = async (page: Page) => (await page.locator('.gil-metrics tbody tr', { hasText: 'Wall time' }).first().locator('td').allInnerTexts()).join(' ');

/** The fixture scenario with `prelude` code run first, at module level (where a hostile scenario acts). */
const fixtureWith = (prelude: string) => fixture.replace('export default defineScenario', `${prelude}\nexport default defineScenario`);

describe('hostile scenarios in the playground', () => {
  // One page for the suite, on purpose: each hostile run is followed by a clean one
  // compared with what the clean fixture showed first. afterAll closes it, pass or fail.
  let context: BrowserContext;
  let page: Page;
  let errors: string[];
  /** What the clean fixture shows: the truth every later run is compared with. */
  let truth: { wall: string; console: string };

  test.beforeAll(async ({ site }) => {
    context = await site.browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    errors = collectErrors(page);
    await openPlainEditor(page, site.url);
    expect(await run(page, fixture)).toBe('done');
    truth = { wall: await wallTime(page), console: await text(page, '.gil-console-output') };
    expect(truth.console).toContain('both done');
  });
  afterAll(async () => {
    await context?.close();
  });

  test('a scenario cannot reach the worker\'s port or functions, so neither its run nor the next shows forged results', async () => {
    // Everything a scenario can try from the worker's global scope to get at the port
    // the runner replies on, or at the functions that use it, then forge with it.
    const hostile = fixtureWith(`
const w = self as any;
const letters = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ_$";
const names = ["port", "send", "handle", "scope", "post"];
for (const a of letters) { names.push(a); for (const b of letters + "0123456789") if (!["do", "if", "in"].includes(a + b)) names.push(a + b); }
// A blob script runs in the global scope, like an indirect eval: it sees every script-level binding.
w.__seen = [];
w.importScripts(URL.createObjectURL(new Blob([names.map((name) => "try { if (typeof " + name + " !== 'undefined') self.__seen.push(" + name + "); } catch (e) {}").join("\\n")])));
let evalResult = "";
try { evalResult = String((0, eval)("typeof port")); } catch (error) { evalResult = (error as Error).name; }
const ports: MessagePort[] = w.__seen.filter((value: unknown) => value instanceof MessagePort);
for (const key of Object.getOwnPropertyNames(self)) { try { if (w[key] instanceof MessagePort) ports.push(w[key]); } catch {} }
// Sloppy helpers (a blob script is not strict) that climb fn.caller from whatever calls them.
w.__callers = [];
w.importScripts(URL.createObjectURL(new Blob([\`
  const push = Array.prototype.push;
  Array.prototype.push = function patchedPush() { try { if (patchedPush.caller) self.__callers[self.__callers.length] = patchedPush.caller; } catch (e) {} return push.apply(this, arguments); };
\`])));
// Rewrite whatever the runner posts, and any later connection.
const forge = (message: any) => {
  if (message?.runs) message.runs[0].result.trace.console.push({ time: 0, thread: 0, text: "FORGED" });
  if (typeof message?.json === "string") message.json = message.json.replace("both done", "FORGED");
  return message;
};
const postMessage = MessagePort.prototype.postMessage;
MessagePort.prototype.postMessage = function (this: MessagePort, message: unknown, ...rest: any[]) { return (postMessage as any).call(this, forge(message), ...rest); };
const stringify = JSON.stringify;
JSON.stringify = ((value: unknown) => stringify(value).replace("both done", "FORGED")) as typeof JSON.stringify;
w.onmessage = (event: MessageEvent) => { for (const port of event.ports) ports.push(port); };
w.addEventListener("message", (event: MessageEvent) => { for (const port of event.ports) ports.push(port); });
const forgeAll = () => { for (const port of ports) for (let id = 1; id < 200; id++) postMessage.call(port, { type: "error", id, error: { message: "FORGED" } }); };
forgeAll();
setInterval(forgeAll, 20);
w.__summary = "ports found: " + ports.length + ", eval: " + evalResult;
`).replace('log("both done");', 'log("both done"); log((self as any).__summary); log("runner functions reached: " + (self as any).__callers.length);');
    expect(await run(page, hostile)).toBe('done');
    const console1 = await text(page, '.gil-console-output');
    expect(console1).toContain('ports found: 0, eval: EvalError'); // the site's CSP has no 'unsafe-eval'
    expect(console1).toContain('runner functions reached: 0');
    expect(console1).toContain('both done');
    expect(console1).not.toContain('FORGED');
    expect(await wallTime(page)).toBe(truth.wall);

    // The next run is not touched by anything the hostile one left behind.
    expect(await run(page, fixture)).toBe('done');
    expect(await text(page, '.gil-console-output')).toBe(truth.console);
    expect(await wallTime(page)).toBe(truth.wall);
    expect(await text(page, '.gil-messages')).not.toContain('FORGED');
  });

  test('loops a scenario leaves running (a timer, a promise loop) end with its run and do not touch the next', async () => {
    const leftover = fixtureWith(`
setInterval(() => { const until = Date.now() + 50; while (Date.now() < until); }, 0);
const spin = (): Promise<void> => Promise.resolve().then(spin);
spin(); // a microtask loop: once the run is over, this worker never takes another task
`);
    expect(await run(page, leftover)).toBe('done');
    expect(await run(page, fixture)).toBe('done');
    expect(await text(page, '.gil-console-output')).toBe(truth.console);
    expect(await wallTime(page)).toBe(truth.wall);
  });

  test('Queue and Event under attack: a name like markup on the lock a get holds and in a deadlock, a flood of threads on one queue, an absurd method cost', async () => {
    const name = '<img src=x onerror="window.pwned=1">';
    const source = (body: string, overrides = '') => `import { defineScenario, py, spawn, join, log, Queue, Event } from "gilsim";
const jobs = new Queue<number>(${JSON.stringify(name)});
const ready = new Event(${JSON.stringify(name)});
export default defineScenario({
  runtime: "cpython-3.12", cpus: 2,${overrides}
  *main() {
${body}
  },
});
`;
    // A get that runs 10 ms of Python holds the queue's lock across a forced switch: the put waits for it.
    expect(await run(page, source(`    yield jobs.put(1);
    const consumer = yield spawn("consumer", function* () { yield jobs.get(); log("got"); });
    yield jobs.put(2);
    log("put");
    yield join(consumer);`, ' queueGetBytecodes: 5_000_000,'))).toBe('done');
    expect(await text(page, '.gil-console-output')).toMatch(/got[\s\S]*put/);
    // Nobody ever puts: a deadlock, reported with the queue's name as text.
    expect(await run(page, source(`    const consumer = yield spawn("consumer", function* () { yield jobs.get(); });
    yield ready.wait();
    yield join(consumer);`))).toBe('runtime-error');
    expect(await text(page, '.gil-messages')).toContain(name);
    // 3,000 threads hammering one queue and one event: the event budget, or done; never a stuck page.
    const flood = await run(page, source(`    const workers = [];
    for (let i = 0; i < 3000; i++) workers.push(yield spawn("w" + i, function* () {
      for (let j = 0; j < 200; j++) { yield jobs.put(j); yield jobs.get(); yield ready.set(); yield ready.wait(); }
    }));
    for (const worker of workers) yield join(worker);`));
    expect(['done', 'runtime-error', 'stopped']).toContain(flood);
    // A method cost no machine could run: refused with a message, not a hang.
    expect(await run(page, source('    yield jobs.put(1);', ' queuePutBytecodes: 1e300,'))).toBe('runtime-error');
    expect(await text(page, '.gil-messages')).toMatch(/stopped at 600,000 simulated ms/);
    expect(await page.locator('.gil-messages img, .gil-console-output img').count()).toBe(0);
    expect(await page.evaluate(() => (window as unknown as { pwned?: number }).pwned)).toBeUndefined();
    expect(await run(page, fixture)).toBe('done');
    expect(await wallTime(page)).toBe(truth.wall);
  });

  test('a result too large to show, or one the scenario garbles, gives a clear message; the page keeps working', async () => {
    // 200 × 1 MB log lines: 200 MB of result, over the 160 MB the page takes.
    const huge = fixtureWith('const line = "x".repeat(1_000_000);').replace('log("both done");', 'for (let i = 0; i < 200; i++) log(line);');
    expect(await run(page, huge)).toBe('runtime-error');
    expect(await text(page, '.gil-messages')).toMatch(/The result is too large to show \(\d+ MB of data; the playground takes up to 160 MB\)/);
    expect(await page.evaluate(() => 6 * 7)).toBe(42);

    // A scenario can make the runner's own JSON say anything: the page checks its shape.
    const garbled = fixtureWith('(Object.prototype as any).toJSON = function () { return { runs: "forged", elapsedMs: 1 }; };');
    expect(await run(page, garbled)).toBe('runtime-error');
    expect(await text(page, '.gil-messages')).toMatch(/The runner's reply was refused: result\.runs is not a list/);

    expect(await run(page, fixture)).toBe('done');
    expect(await text(page, '.gil-console-output')).toBe(truth.console);
  });

  describe('network', () => {
    let server: Server;
    let target: string;
    const hits: string[] = [];

    beforeAll(async () => {
      server = createServer((request, response) => {
        hits.push(`${request.method} ${request.url}`);
        response.writeHead(200, { 'content-type': 'text/javascript', 'access-control-allow-origin': '*' }).end('self.__loaded = true;');
      });
      server.on('upgrade', (request, socket) => {
        hits.push(`UPGRADE ${request.url}`);
        socket.destroy();
      });
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      const address = server.address();
      target = `127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
    });
    afterAll(() => {
      server?.close();
    });

    test('a scenario can reach no server: fetch, XMLHttpRequest, WebSocket, EventSource, importScripts and workers all fail', async () => {
      // The recorder works: a request from outside the browser is seen.
      await fetch(`http://${target}/control`);
      expect(hits).toEqual(['GET /control']);
      hits.length = 0;

      const network = fixtureWith(`
const target = "${target}";
const outcomes: string[] = [];
const attempts: [string, () => unknown][] = [
  // Its rejection is caught, or the worker logs it late (as the next test runs) as a page error.
  ["fetch", () => fetch("http://" + target + "/fetch").catch(() => undefined)],
  ["xhr-sync", () => { const xhr = new XMLHttpRequest(); xhr.open("GET", "http://" + target + "/xhr-sync", false); xhr.send(); return xhr.status; }],
  ["xhr", () => { const xhr = new XMLHttpRequest(); xhr.open("GET", "http://" + target + "/xhr"); xhr.send(); }],
  ["websocket", () => new WebSocket("ws://" + target + "/ws")],
  ["eventsource", () => new EventSource("http://" + target + "/sse")],
  ["importScripts", () => (self as any).importScripts("http://" + target + "/script.js")],
  ["nested-worker", () => new Worker(URL.createObjectURL(new Blob(['fetch("http://' + target + '/nested").catch(() => undefined); importScripts("http://' + target + '/nested.js");'])))],
];
for (const [name, attempt] of attempts) {
  try { attempt(); outcomes.push(name + " sent"); } catch (error) { outcomes.push(name + " blocked (" + (error as Error).name + ")"); }
}
// Give what was sent asynchronously time to leave before the run ends.
const until = Date.now() + 300;
while (Date.now() < until);
`).replace('log("both done");', 'log("both done"); for (const outcome of outcomes) log(outcome); log("script loaded: " + Boolean((self as any).__loaded));');
      expect(await run(page, network)).toBe('done');
      const output = await text(page, '.gil-console-output');
      expect(output).toContain('xhr-sync blocked (NetworkError)');
      expect(output).toContain('importScripts blocked (NetworkError)');
      expect(output).toContain('script loaded: false');
      // The page itself is under the site's policy: no other origin either.
      const fromPage = await page.evaluate((url) => fetch(url).then(() => 'sent', () => 'refused'), `http://${target}/from-page`);
      expect(fromPage).toBe('refused');
      expect(hits).toEqual([]);
      expect(await run(page, fixture)).toBe('done');
      expect(await text(page, '.gil-console-output')).toBe(truth.console);
      expect(hits).toEqual([]);
    });
  });

  test('every built page sets the site\'s policy before any script, allowing no other origin', async () => {
    const pages = (await readdir(distDir, { recursive: true })).filter((file) => file.endsWith('.html'));
    expect(pages.length).toBeGreaterThan(5);
    for (const file of pages) {
      const html = await readFile(join(distDir, file), 'utf8');
      const meta = /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(html);
      expect(meta?.[1], file).toBe(siteCsp);
      // A policy set after a script does not cover that script.
      expect(meta!.index, file).toBeLessThan(html.indexOf('<script'));
    }
    const sources = siteCsp.split('; ').flatMap((directive) => directive.split(' ').slice(1));
    expect(sources.filter((source) => !/^('[a-z-]+'|blob:|data:)$/.test(source))).toEqual([]);
  });

  test('code that breaks the compiler (10,000 nested "[") gives a clear message, Stop ends a compile, and the next Run works', async () => {
    const nested = fixtureWith(`const deep = ${'['.repeat(10_000)}${']'.repeat(10_000)};`);
    expect(await run(page, nested)).toBe('compile-error');
    expect(await text(page, '.gil-messages')).toMatch(/The compiler failed on this code \(.*\): is something nested too deeply\?/);
    expect(await page.evaluate(() => 6 * 7)).toBe(42);

    // Stop, pressed during a long compile (eighty 2,000-deep arrays take esbuild well over a
    // second even on a quiet machine), ends it at once. Pressed as soon as Compiling… shows:
    // a fixed wait raced the compile on a fast machine, which then had nothing to stop.
    const slow = fixtureWith(Array.from({ length: 80 }, (_, index) => `export const deep${index} = ${'['.repeat(2000)}${']'.repeat(2000)};`).join('\n'));
    await page.locator('.gil-textarea-editor textarea').fill(slow);
    await page.evaluate(() => delete document.querySelector<Host>('gil-playground')!.dataset.outcome);
    await page.click('gil-playground [data-action="run"]');
    expect(await text(page, '.gil-status')).toBe('Compiling…');
    await page.click('gil-playground [data-action="stop"]', { timeout: 5_000 });
    await page.waitForFunction(() => document.querySelector<Host>('gil-playground')!.dataset.outcome, null, { timeout: 60_000 });
    expect(await page.getAttribute('gil-playground', 'data-outcome')).toBe('stopped');
    expect(await text(page, '.gil-status')).toMatch(/^Stopped\./);

    expect(await run(page, fixture)).toBe('done');
    expect(await text(page, '.gil-console-output')).toBe(truth.console);
    expect(errors.filter((error) => !/Content Security Policy|Refused to|ERR_|Failed to load|net::/i.test(error))).toEqual([]);
  });

  test('a memory bomb crashes only the runner: the page says so, keeps working, and the next Run works', async ({ site }) => {
    // V8's heap is capped at 512 MB here so the bomb fails fast without taking a shared
    // machine's memory; uncapped, it fails the same way at a few GB.
    const browser = await launchChromium({ extraArgs: ['--js-flags=--max-old-space-size=256'] });
    onTestFinished(() => browser.close());
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    await openPlainEditor(page, site.url);
    await page.locator('.gil-textarea-editor textarea').fill(fixtureWith('const hoard: number[][] = [];\nwhile (true) hoard.push(new Array(10_000_000).fill(hoard.length + 0.5));'));
    // Playwright reports the runner frame's process dying as a crash of the whole page and
    // then refuses to drive it, so from here the page is driven over CDP, as a reader would.
    const cdp = await context.newCDPSession(page);
    const inPage = async <T>(expression: string): Promise<T> => {
      const { result, exceptionDetails } = await cdp.send('Runtime.evaluate', { expression, awaitPromise: true, returnByValue: true });
      if (exceptionDetails) throw new Error(exceptionDetails.text);
      return result.value as T;
    };
    const runAndWait = `new Promise((resolve) => {
      const host = document.querySelector('gil-playground');
      delete host.dataset.outcome;
      host.querySelector('[data-action="run"]').click();
      const wait = () => (host.dataset.outcome ? resolve(host.dataset.outcome) : setTimeout(wait, 100));
      wait();
    })`;
    expect(await inPage<string>(runAndWait)).toBe('crashed');
    expect(await inPage<string>(`document.querySelector('.gil-status').textContent`)).toBe('The runner crashed (out of memory?).');
    expect(await inPage<string>(`document.querySelector('.gil-messages').textContent`)).toContain('The page is fine; edit and Run again.');
    expect(await inPage<number>('6 * 7')).toBe(42);
    await inPage(`(() => {
      const area = document.querySelector('.gil-textarea-editor textarea');
      area.value = ${JSON.stringify(fixture)};
      area.dispatchEvent(new Event('input', { bubbles: true }));
    })()`);
    expect(await inPage<string>(runAndWait)).toBe('done');
    expect(await inPage<string>(`document.querySelector('.gil-console-output').textContent`)).toContain('both done');
  });
});
