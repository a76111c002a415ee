/**
 * The runner proxy. Each request gets a fresh sandboxed iframe (`sandbox="allow-scripts"`,
 * opaque origin, its own Content-Security-Policy with no network) that starts a fresh
 * runner worker from a blob URL; when the request ends, however it ends, the iframe is
 * removed, which ends the worker and anything the scenario left running in it. A spare
 * sandbox is started ahead of the next Run (`warm`), so runs stay quick.
 *
 * Every reply is checked (`readReply`: shape and size) before the page uses it. A
 * wall-clock watchdog and Stop end a runaway scenario; a heartbeat to the frame finds
 * a runner whose process died (a scenario that allocates gigabytes takes down only the
 * runner's process where the browser isolates sandboxed frames, as desktop Chromium
 * does), and the page says so and keeps working.
 */
import workerUrl from './run-worker.ts?worker&url';
import { readFrameMessage, readReply, RequestCounter, type Checked, type RunnerReply, type RunnerRequest, type RunVariant, type VariantOutcome, type ScenarioError } from '../protocol';
import { frameDocument, newNonce, sealWorkerSource } from './runner-frame';
import { defaultBudget, type RunBudget } from '../budget';

/** How a run ended. */
export type RunOutcome =
  | { kind: 'done'; runs: VariantOutcome[]; elapsedMs: number }
  | { kind: 'python'; program: string }
  | { kind: 'failed'; error: ScenarioError }
  /** The runner stopped answering: its process died (out of memory, most likely). */
  | { kind: 'crashed'; afterMs: number }
  | { kind: 'stopped'; reason: 'timeout' | 'stop' | 'superseded'; afterMs: number };

/**
 * The page pings the frame every `everyMs`; `missed` pings in a row without an answer
 * mean its process is gone. The frame's own thread only answers pings (the scenario
 * runs in its worker), so a live runner answers at once even mid-run.
 */
const heartbeat = { everyMs: 500, missed: 4 };

let workerSource: Promise<string> | undefined;

/** The runner worker's bundled source, fetched once from the site's assets and sealed. */
function loadWorkerSource(): Promise<string> {
  workerSource ??= fetch(workerUrl).then(async (response) => {
    if (!response.ok) throw new Error(`could not load the runner (${response.status})`);
    return sealWorkerSource(await response.text());
  });
  workerSource.catch(() => (workerSource = undefined));
  return workerSource;
}

interface SandboxListener {
  reply(reply: Checked<RunnerReply>): void;
  workerError(message: string): void;
}

/** One iframe and the worker it starts, for one request. */
class Sandbox {
  /** Resolves when the worker is up and can take the request. */
  readonly ready: Promise<void>;
  readonly #frame = document.createElement('iframe');
  /** Requests out, replies in. */
  readonly #requests = new MessageChannel();
  /** Pings out, pongs and worker failures in. */
  readonly #control = new MessageChannel();
  #pongs = 0;
  #failure: string | undefined;
  #listener: SandboxListener | undefined;

  constructor(source: Promise<string>) {
    const frame = this.#frame;
    frame.setAttribute('sandbox', 'allow-scripts');
    frame.setAttribute('aria-hidden', 'true');
    frame.tabIndex = -1;
    frame.title = 'Scenario runner';
    frame.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
    frame.srcdoc = frameDocument(location.origin, newNonce());
    const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
    document.body.append(frame);
    let up!: () => void;
    const workerUp = new Promise<void>((resolve) => (up = resolve));
    // Only these two ports ever reach the page from the sandbox; the page listens to no window.
    this.#requests.port1.onmessage = (event) => {
      const reply = readReply(event.data);
      if (reply.ok && reply.value.type === 'ready') up();
      else this.#listener?.reply(reply);
    };
    this.#control.port1.onmessage = (event) => {
      const message = readFrameMessage(event.data);
      if (message?.type === 'pong') this.#pongs++;
      else if (message?.type === 'worker-error') {
        this.#failure ??= message.message;
        this.#listener?.workerError(message.message);
      }
    };
    this.ready = Promise.all([source, loaded]).then(([code]) => {
      if (!frame.contentWindow) throw new Error('the runner frame did not load');
      frame.contentWindow.postMessage({ type: 'boot', source: code }, '*', [this.#requests.port2, this.#control.port2]);
      return workerUp;
    });
    this.ready.catch(() => undefined);
  }

  /** Deliver replies and failures to `listener` (a failure before now is delivered at once). */
  listen(listener: SandboxListener): void {
    this.#listener = listener;
    if (this.#failure !== undefined) listener.workerError(this.#failure);
  }

  send(request: RunnerRequest): void {
    this.#requests.port1.postMessage(request);
  }

  /** Ask the frame for a pong. */
  ping(): void {
    this.#control.port1.postMessage('ping');
  }

  /** Pongs received so far. */
  get pongs(): number {
    return this.#pongs;
  }

  /** Remove the iframe, which ends its worker. */
  remove(): void {
    this.#listener = undefined;
    this.#requests.port1.close();
    this.#control.port1.close();
    this.#frame.remove();
  }
}

interface Pending {
  sandbox: Sandbox;
  /** The reply this request ends with, and for a run how many variants it must carry. */
  expects: { type: 'result'; runs: number } | { type: 'python' };
  settle: (outcome: RunOutcome) => void;
  started: number;
  timer: number;
  watch: number | undefined;
}

export class Runner {
  #requests = new RequestCounter();
  #pending: Pending | undefined;
  #spare: Sandbox | undefined;
  /** Keep a spare sandbox ready (after `warm`, until `dispose`). */
  #keepSpare = false;
  #onStatus: (text: string) => void;

  constructor(onStatus: (text: string) => void) {
    this.#onStatus = onStatus;
  }

  /** Run compiled code under each variant. Supersedes any run in progress. */
  run(code: string, variants: RunVariant[], budget: RunBudget = defaultBudget): Promise<RunOutcome> {
    return this.#request((id) => ({ type: 'run', id, code, variants, maxEvents: budget.maxEvents }), { type: 'result', runs: variants.length }, budget);
  }

  /** The compiled scenario as a Python program, recorded under `variant`. Same budgets and isolation as a run. */
  exportPython(code: string, variant: RunVariant, budget: RunBudget = defaultBudget): Promise<RunOutcome> {
    return this.#request((id) => ({ type: 'export-python', id, code, variant, maxEvents: budget.maxEvents }), { type: 'python' }, budget);
  }

  /** Start a sandbox ahead of the first Run, and keep one ready after each run. */
  warm(): void {
    this.#keepSpare = true;
    this.#spare ??= new Sandbox(loadWorkerSource());
  }

  /** Stop the run in progress (the Stop button). */
  stop(): void {
    if (this.#pending) this.#end({ kind: 'stopped', reason: 'stop', afterMs: performance.now() - this.#pending.started });
  }

  #request(build: (id: number) => RunnerRequest, expects: Pending['expects'], budget: RunBudget): Promise<RunOutcome> {
    if (this.#pending) this.#end({ kind: 'stopped', reason: 'superseded', afterMs: performance.now() - this.#pending.started });
    const id = this.#requests.next();
    const sandbox = this.#spare ?? new Sandbox(loadWorkerSource());
    this.#spare = undefined;
    return new Promise<RunOutcome>((settle) => {
      const started = performance.now();
      const afterMs = () => performance.now() - started;
      const timer = window.setTimeout(() => this.#end({ kind: 'stopped', reason: 'timeout', afterMs: afterMs() }), budget.wallMs);
      const pending: Pending = { sandbox, expects, settle, started, timer, watch: undefined };
      this.#pending = pending;
      sandbox.listen({
        reply: (reply) => this.#receive(pending, reply),
        workerError: (message) => this.#endIfCurrent(pending, { kind: 'failed', error: { message: `The runner stopped: ${message}` } }),
      });
      sandbox.ready.then(
        () => {
          if (this.#pending !== pending) return;
          sandbox.send(build(id));
          pending.watch = this.#watch(pending, afterMs);
        },
        (error: unknown) => this.#endIfCurrent(pending, { kind: 'failed', error: { message: `The runner could not start: ${String(error)}` } }),
      );
    });
  }

  /** Ping the frame; end the request as crashed when it stops answering. */
  #watch(pending: Pending, afterMs: () => number): number {
    let seen = pending.sandbox.pongs;
    let missed = 0;
    pending.sandbox.ping();
    return window.setInterval(() => {
      const pongs = pending.sandbox.pongs;
      missed = pongs === seen ? missed + 1 : 0;
      seen = pongs;
      if (missed >= heartbeat.missed) this.#endIfCurrent(pending, { kind: 'crashed', afterMs: afterMs() });
      else pending.sandbox.ping();
    }, heartbeat.everyMs);
  }

  #receive(pending: Pending, checked: Checked<RunnerReply>): void {
    if (this.#pending !== pending) return;
    const refuse = (problem: string) =>
      this.#end({ kind: 'failed', error: { message: `The runner's reply was refused: ${problem}. Nothing was shown from it; edit and Run again.` } });
    if (!checked.ok) return refuse(checked.problem);
    const reply = checked.value;
    if (reply.type === 'ready') return;
    if (!this.#requests.isCurrent(reply)) return refuse('it is for another request');
    if (reply.type === 'status') return this.#onStatus(reply.text);
    if (reply.type === 'error') return this.#end({ kind: 'failed', error: reply.error });
    if (reply.type !== pending.expects.type) return refuse(`it is a ${reply.type} where a ${pending.expects.type} was asked for`);
    if (reply.type === 'python') return this.#end({ kind: 'python', program: reply.program });
    if (pending.expects.type === 'result' && reply.runs.length !== pending.expects.runs) return refuse(`it has ${reply.runs.length} runs for ${pending.expects.runs} asked for`);
    this.#end({ kind: 'done', runs: reply.runs, elapsedMs: reply.elapsedMs });
  }

  #endIfCurrent(pending: Pending, outcome: RunOutcome): void {
    if (this.#pending === pending) this.#end(outcome);
  }

  /** End the request in progress: its sandbox goes, whatever the outcome; a new spare follows. */
  #end(outcome: RunOutcome): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    window.clearTimeout(pending.timer);
    window.clearInterval(pending.watch);
    this.#requests.cancel();
    pending.sandbox.remove();
    pending.settle(outcome);
    // After the outcome is shown (settle's continuation runs first), so the spare does not delay it.
    if (this.#keepSpare) window.setTimeout(() => this.#keepSpare && this.warm(), 0);
  }
}
