import { describe, expect, test } from 'vitest';
import { runInNewContext } from 'node:vm';
import { defineScenario, io, join, log, py, runScenario, setLineResolver, spawn, spawnInterpreter, spawnProcess, Lock } from 'gilsim';
import {
  clip, maxPayloadChars, readFrameMessage, readReply, RequestCounter, resultMessage,
  type RunnerMessage, type RunnerReply, type VariantOutcome,
} from '../../src/playground/protocol';
import { bootScript, frameDocument, runnerPolicy, sealWorkerSource } from '../../src/playground/run/runner-frame';
import { cpuThreads, ioLoop } from '../helpers/scenarios';

const result = (id: number): RunnerReply => ({ type: 'result', id, runs: [], elapsedMs: 1 });

describe('request ids', () => {
  test('only the latest request\'s replies are current', () => {
    const requests = new RequestCounter();
    const first = requests.next();
    const second = requests.next();
    expect(second).toBeGreaterThan(first);
    expect(requests.isCurrent(result(first))).toBe(false);
    expect(requests.isCurrent(result(second))).toBe(true);
    expect(requests.isCurrent({ type: 'status', id: first, text: 'late' })).toBe(false);
  });

  test('after Stop, the stopped request\'s late reply is dropped', () => {
    const requests = new RequestCounter();
    const id = requests.next();
    requests.cancel();
    expect(requests.isCurrent(result(id))).toBe(false);
    expect(requests.isCurrent({ type: 'ready' })).toBe(true);
  });
});

/** A scenario that uses every part of a result: threads, a process, a subinterpreter, I/O, a lock, log lines and lines. */
const everything = defineScenario({
  runtime: 'cpython-3.12',
  cpus: 2,
  *main() {
    const lock = new Lock('L');
    const worker = yield spawn('worker', function* () {
      yield lock.acquire();
      yield py(20_000);
      yield lock.release();
      yield io(1);
    });
    const child = yield spawnProcess('child', function* () { yield py(10_000); });
    const sub = yield spawnInterpreter('sub', function* () { yield py(10_000); });
    yield py(5_000);
    log('main logs');
    yield join(worker);
    yield join(child);
    yield join(sub);
  },
});

function outcomes(): VariantOutcome[] {
  setLineResolver(() => 7);
  try {
    return [
      { ok: true, label: 'everything', result: runScenario(everything) },
      { ok: true, label: 'io loop', result: runScenario(ioLoop(1, 20)) },
      { ok: true, label: 'empty', result: runScenario(defineScenario({ *main() {} })) },
      { ok: false, label: 'failed', error: { message: 'boom', line: 3, limit: false } },
    ];
  } finally {
    setLineResolver(undefined);
  }
}

/** The first event of the first run that carries a GIL cause, in a parsed result body. */
const firstGilEvent = (body: any): { cause: unknown } => body.runs[0].result.trace.events.find((event: { cause?: string }) => event.cause);

/** A result message as the worker sends it, after a trip through structured cloning. */
const posted = (message: RunnerMessage) => structuredClone(message);

describe('replies from the runner', () => {
  test('a real result, sent as the worker sends it, comes back whole', () => {
    const runs = outcomes();
    const message = resultMessage(4, { runs, elapsedMs: 12.5 });
    expect(message.type).toBe('result');
    const reply = readReply(posted(message));
    expect(reply).toEqual({ ok: true, value: { type: 'result', id: 4, runs: JSON.parse(JSON.stringify(runs)), elapsedMs: 12.5 } });
    const first = (reply as { ok: true; value: { runs: VariantOutcome[] } }).value.runs[0];
    expect(first.ok && first.result.trace.intervals.some((interval) => interval.line === 7)).toBe(true);
    expect(first.ok && first.result.trace.console[0].text).toBe('main logs');
  });

  test('status, error, python and ready messages are accepted as they are', () => {
    for (const message of [
      { type: 'ready' },
      { type: 'status', id: 1, text: 'Running 2 of 3…' },
      { type: 'error', id: 2, error: { message: 'TypeError: x is not a function', line: 4 } },
      { type: 'python', id: 3, program: 'print("hi")\n' },
    ] satisfies RunnerMessage[]) {
      expect(readReply(posted(message))).toEqual({ ok: true, value: message });
    }
  });

  test('a malformed message is refused with what is wrong, never thrown', () => {
    const real = JSON.parse((resultMessage(1, { runs: outcomes().slice(0, 1), elapsedMs: 1 }) as { json: string }).json);
    const withResult = (edit: (body: typeof real) => void) => {
      const body = structuredClone(real);
      edit(body);
      return { type: 'result', id: 1, json: JSON.stringify(body) };
    };
    const cases: [unknown, RegExp][] = [
      [null, /not an object/],
      ['ready', /not an object/],
      [{ type: 'result', json: '{}' }, /no valid request id/],
      [{ type: 'result', id: -1, json: '{}' }, /no valid request id/],
      [{ type: 'result', id: 1.5, json: '{}' }, /no valid request id/],
      [{ type: 'forge', id: 1 }, /unknown type/],
      [{ type: 'result', id: 1, runs: [] }, /not JSON text/],
      [{ type: 'result', id: 1, json: '{"runs": [' }, /not valid JSON/],
      [{ type: 'result', id: 1, json: '{"runs": "forged", "elapsedMs": 1}' }, /^result\.runs is not a list$/],
      [withResult((body) => (body.runs[0].ok = 'yes')), /result\.runs\[0\] is not a run outcome/],
      [withResult((body) => (body.runs[0].result.trace.cpus = 1e9)), /result\.runs\[0\]\.result\.trace\.cpus is not a whole number from 1 to 64/],
      [withResult((body) => (body.runs[0].result.trace.intervals[3].state = 'pwned')), /result\.runs\[0\]\.result\.trace\.intervals\[3\]\.state is not one of "python"/],
      [withResult((body) => (body.runs[0].result.trace.intervals[0].start = null)), /intervals\[0\]\.start is not a finite number/],
      [withResult((body) => (firstGilEvent(body).cause = 'because')), /result\.runs\[0\]\.result\.trace\.events\[\d+\]\.cause is not one of "gil-free"/],
      [withResult((body) => (firstGilEvent(body).cause = { toString: 'gil-free' })), /trace\.events\[\d+\]\.cause is not one of/],
      [withResult((body) => delete body.runs[0].result.metrics.wallMs), /result\.runs\[0\]\.result\.metrics\.wallMs is not a finite number/],
      [withResult((body) => delete body.runs[0].result.shared), /result\.runs\[0\]\.result\.shared is not a list/],
      [withResult((body) => (body.runs[0].result.shared = [{ name: 'counter', value: '2', expected: 2, lost: 0 }])), /result\.runs\[0\]\.result\.shared\[0\]\.value is not a finite number/],
      [withResult((body) => (body.runs[0].result.trace.events = [{ time: 1, kind: 'lost-updates', thread: 1 }])), /events\[0\]\.kind/],
      [withResult((body) => (body.runs[0].result.trace.threads[0].name = { toString: 'x' })), /trace\.threads\[0\]\.name is not a string/],
      [withResult((body) => (body.runs[0].label = 'x'.repeat(5000))), /result\.runs\[0\]\.label is not a string of at most 4,000 characters/],
      [{ type: 'status', id: 1, text: 'x'.repeat(5000) }, /status\.text is not a string of at most 4,000 characters/],
      [{ type: 'error', id: 1, error: { message: 42 } }, /error\.message is not a string/],
      [{ type: 'python', id: 1, program: ['print'] }, /not a string/],
    ];
    for (const [message, problem] of cases) {
      const reply = readReply(message);
      expect(reply.ok, JSON.stringify(message)?.slice(0, 80)).toBe(false);
      if (!reply.ok) expect(reply.problem).toMatch(problem);
    }
  });

  test('a reply over the size limit is refused before it is parsed', () => {
    const huge = 'x'.repeat(maxPayloadChars + 1); // not JSON: parsing it would throw
    expect(readReply({ type: 'result', id: 1, json: huge })).toEqual({ ok: false, problem: 'the result is too large (161 MB; the page takes up to 160 MB)' });
    expect(readReply({ type: 'python', id: 1, program: huge })).toEqual({ ok: false, problem: 'the Python program is too large (161 MB)' });
  });

  test('the worker turns a result too large to send into a message the reader can act on', () => {
    const line = 'y'.repeat(1_000_000);
    const run = runScenario(defineScenario({ *main() { for (let i = 0; i < 170; i++) yield log(line); } }));
    const message = resultMessage(9, { runs: [{ ok: true, label: 'big', result: run }], elapsedMs: 1 });
    expect(message).toEqual({ type: 'error', id: 9, error: { message: expect.stringMatching(/^The result is too large to show \(171 MB of data; the playground takes up to 160 MB\)\. Make the scenario shorter/) } });
  });

  test('a scenario replacing JSON.stringify does not change what the worker sends', () => {
    const runs = outcomes().slice(2, 3);
    const original = JSON.stringify;
    JSON.stringify = (() => '{"runs":[],"elapsedMs":0}') as typeof JSON.stringify;
    let message: RunnerMessage;
    try {
      message = resultMessage(1, { runs, elapsedMs: 3 });
    } finally {
      JSON.stringify = original;
    }
    expect(readReply(message)).toMatchObject({ ok: true, value: { runs: JSON.parse(JSON.stringify(runs)), elapsedMs: 3 } });
  });

  test('long messages are clipped to what the page accepts', () => {
    expect(clip('short')).toBe('short');
    const clipped = clip('z'.repeat(10_000));
    expect(clipped).toHaveLength(4_000);
    expect(clipped.endsWith('…')).toBe(true);
    expect(readReply({ type: 'error', id: 1, error: { message: clipped } }).ok).toBe(true);
  });

  test('the frame channel carries only pongs and worker failures', () => {
    expect(readFrameMessage({ type: 'pong' })).toEqual({ type: 'pong' });
    expect(readFrameMessage({ type: 'worker-error', message: 'Refused to create a worker' })).toEqual({ type: 'worker-error', message: 'Refused to create a worker' });
    expect(readFrameMessage({ type: 'result', id: 1, json: '{}' })).toBeUndefined();
    expect(readFrameMessage({ type: 'worker-error', message: 'x'.repeat(5000) })).toBeUndefined();
    expect(readFrameMessage(undefined)).toBeUndefined();
  });
});

describe('the runner frame', () => {
  /** Run the boot script with fake frame globals; returns what it did. */
  function bootFrame(parentOrigin: string) {
    const listeners = new Set<(event: unknown) => void>();
    const parent = { name: 'the page' };
    const workers: { source: string; connected: unknown[]; onerror?: unknown }[] = [];
    const framePort = { sent: [] as unknown[], onmessage: undefined as undefined | (() => void), postMessage(message: unknown) { this.sent.push(message); } };
    const blobs = new Map<string, string>();
    class Worker {
      connected: unknown[] = [];
      source: string;
      onerror?: unknown;
      constructor(url: string) {
        this.source = blobs.get(url)!;
        workers.push(this);
      }
      postMessage(message: unknown, transfer: unknown[]) {
        this.connected.push({ message, transfer });
      }
    }
    const globals = {
      parent,
      Worker,
      Blob: class { constructor(readonly parts: string[]) {} },
      URL: { createObjectURL: (blob: { parts: string[] }) => { const url = `blob:${blobs.size}`; blobs.set(url, blob.parts.join('')); return url; } },
      addEventListener: (type: string, listener: (event: unknown) => void) => type === 'message' && listeners.add(listener),
      removeEventListener: (_type: string, listener: (event: unknown) => void) => listeners.delete(listener),
    };
    runInNewContext(bootScript(parentOrigin), globals);
    const send = (event: object) => { for (const listener of [...listeners]) listener({ ports: [{ port: 'runner' }, framePort], ...event }); };
    return { send, workers, framePort, parent, listening: () => listeners.size };
  }

  test('boots one worker, only for a boot message from the page that made it', () => {
    const frame = bootFrame('https://gil.example');
    const boot = { type: 'boot', source: 'self.onmessage = () => {};' };
    frame.send({ source: { name: 'another window' }, origin: 'https://gil.example', data: boot });
    frame.send({ source: frame.parent, origin: 'https://evil.example', data: boot });
    frame.send({ source: frame.parent, origin: 'https://gil.example', data: { type: 'boot', source: 42 } });
    frame.send({ source: frame.parent, origin: 'https://gil.example', data: boot, ports: [{}] });
    expect(frame.workers).toEqual([]);

    frame.send({ source: frame.parent, origin: 'https://gil.example', data: boot });
    expect(frame.workers).toHaveLength(1);
    expect(frame.workers[0].source).toBe(boot.source);
    expect(frame.workers[0].connected).toEqual([{ message: { type: 'connect' }, transfer: [{ port: 'runner' }] }]);
    // After one boot the frame listens to no window: a second boot, even from the page, starts nothing.
    expect(frame.listening()).toBe(0);
    frame.send({ source: frame.parent, origin: 'https://gil.example', data: boot });
    expect(frame.workers).toHaveLength(1);
    // Its own port answers the page's pings, and reports a worker that fails.
    frame.framePort.onmessage!();
    (frame.workers[0].onerror as (event: { message: string }) => void)({ message: 'Refused to load the script' });
    expect(frame.framePort.sent).toEqual([{ type: 'pong' }, { type: 'worker-error', message: 'Refused to load the script' }]);
  });

  test('the frame document carries a policy with no network and no eval, and the nonce of its one script', () => {
    const html = frameDocument('https://gil.example', 'N0nce');
    const policy = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1];
    expect(policy).toBe(runnerPolicy('N0nce'));
    const directives = new Map(policy!.split('; ').map((directive) => [directive.split(' ')[0], directive.split(' ').slice(1)]));
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('connect-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'nonce-N0nce'", 'blob:']);
    expect(html.match(/<script/g)).toHaveLength(1);
    expect(html).toContain('<script nonce="N0nce">');
    expect(html.indexOf('Content-Security-Policy')).toBeLessThan(html.indexOf('<script'));
  });

  test('a sealed bundle leaves no global bindings behind and runs strict', () => {
    const context: Record<string, unknown> = {};
    const bundle = 'let port = { secret: 1 }; const send = () => port; function handle() { return send(); } var scope = this; globalThis.strict = (function () { return this === undefined; })();';
    runInNewContext(sealWorkerSource(bundle), context);
    // What a scenario loaded into the same global scope would see:
    expect(runInNewContext('[typeof port, typeof send, typeof handle, typeof scope, strict]', context)).toEqual(['undefined', 'undefined', 'undefined', 'undefined', true]);
    // The same bundle run as a plain classic script exposes all of them.
    const exposed: Record<string, unknown> = {};
    runInNewContext(bundle, exposed);
    expect(runInNewContext('[typeof port, typeof send, typeof handle]', exposed)).toEqual(['object', 'function', 'function']);
  });
});

test('results of the simulator\'s own scenarios all pass the check (no NaN, no unknown state)', () => {
  for (const scenario of [cpuThreads(3, 300_000), ioLoop(2, 30)]) {
    const runs: VariantOutcome[] = [{ ok: true, label: 'x', result: runScenario(scenario) }];
    expect(readReply(resultMessage(1, { runs, elapsedMs: 1 })).ok).toBe(true);
  }
});
