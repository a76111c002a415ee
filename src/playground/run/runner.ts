/**
 * The runner proxy: owns one sandboxed iframe (`sandbox="allow-scripts"`, so its
 * origin is opaque) that starts the runner worker from a blob URL. Requests go to
 * the worker over a MessagePort; a wall-clock watchdog (and the Stop button)
 * removes the iframe, which ends the worker, and the next run starts a fresh one.
 */
import workerUrl from './run-worker.ts?worker&url';
import { RequestCounter, type RunnerReply, type RunnerRequest, type RunVariant, type VariantOutcome, type ScenarioError } from '../protocol';

/** How a run ended. */
export type RunOutcome =
  | { kind: 'done'; runs: VariantOutcome[]; elapsedMs: number }
  | { kind: 'python'; program: string }
  | { kind: 'failed'; error: ScenarioError }
  | { kind: 'stopped'; reason: 'timeout' | 'stop' | 'superseded'; afterMs: number };

/** Budgets that end a runaway scenario. */
export interface RunBudget {
  /** Wall-clock limit for the whole request, ms. */
  wallMs: number;
  /** Engine events per variant (passed to `runScenario` as `maxEvents`). */
  maxEvents: number;
}

export const defaultBudget: RunBudget = { wallMs: 10_000, maxEvents: 3_000_000 };

// A classic worker: in an opaque origin, module workers from blob URLs are refused.
// The frame only hands the port to a worker built from the source it is sent; it
// never touches the parent, and the parent never reads the frame's DOM.
const frameHtml = `<!doctype html><meta charset="utf-8"><script>
addEventListener('message', (event) => {
  const data = event.data;
  if (!data || data.type !== 'boot' || !event.ports[0]) return;
  const url = URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' }));
  const worker = new Worker(url, { name: 'gil-lab-runner' });
  worker.postMessage({ type: 'connect' }, [event.ports[0]]);
});
</script>`;

let workerSource: Promise<string> | undefined;

/** The runner worker's bundled source, fetched once from the site's assets. */
function loadWorkerSource(): Promise<string> {
  workerSource ??= fetch(workerUrl).then((response) => {
    if (!response.ok) throw new Error(`could not load the runner (${response.status})`);
    return response.text();
  });
  workerSource.catch(() => (workerSource = undefined));
  return workerSource;
}

export class Runner {
  #frame: HTMLIFrameElement | undefined;
  #port: Promise<MessagePort> | undefined;
  #requests = new RequestCounter();
  #pending: { id: number; settle: (outcome: RunOutcome) => void; started: number; timer: number } | undefined;
  #onStatus: (text: string) => void;

  constructor(onStatus: (text: string) => void) {
    this.#onStatus = onStatus;
  }

  /** Run compiled code under each variant. Supersedes any run in progress. */
  run(code: string, variants: RunVariant[], budget: RunBudget = defaultBudget): Promise<RunOutcome> {
    return this.#request((id) => ({ type: 'run', id, code, variants, maxEvents: budget.maxEvents }), budget);
  }

  /** The compiled scenario as a Python program, recorded under `variant`. Same budgets and isolation as a run. */
  exportPython(code: string, variant: RunVariant, budget: RunBudget = defaultBudget): Promise<RunOutcome> {
    return this.#request((id) => ({ type: 'export-python', id, code, variant, maxEvents: budget.maxEvents }), budget);
  }

  #request(build: (id: number) => RunnerRequest, budget: RunBudget): Promise<RunOutcome> {
    if (this.#pending) this.#end({ kind: 'stopped', reason: 'superseded', afterMs: performance.now() - this.#pending.started }, true);
    const id = this.#requests.next();
    return new Promise<RunOutcome>((settle) => {
      const started = performance.now();
      const timer = window.setTimeout(
        () => this.#end({ kind: 'stopped', reason: 'timeout', afterMs: performance.now() - started }, true),
        budget.wallMs,
      );
      this.#pending = { id, settle, started, timer };
      const request = build(id);
      this.#connect().then(
        (port) => port.postMessage(request),
        (error: unknown) => this.#end({ kind: 'failed', error: { message: `The runner could not start: ${String(error)}` } }, true),
      );
    });
  }

  /** Start the iframe and worker ahead of the first Run. */
  warm(): void {
    void this.#connect().catch(() => undefined);
  }

  /** Stop the run in progress (the Stop button). */
  stop(): void {
    if (this.#pending) this.#end({ kind: 'stopped', reason: 'stop', afterMs: performance.now() - this.#pending.started }, true);
  }

  /** Is a run in progress? */
  get busy(): boolean {
    return this.#pending !== undefined;
  }

  /** Remove the iframe (and with it the worker). */
  dispose(): void {
    this.stop();
    this.#teardown();
  }

  #end(outcome: RunOutcome, killWorker: boolean): void {
    const pending = this.#pending;
    if (!pending) return;
    this.#pending = undefined;
    window.clearTimeout(pending.timer);
    if (killWorker) {
      this.#requests.cancel();
      this.#teardown();
    }
    pending.settle(outcome);
  }

  #teardown(): void {
    this.#frame?.remove();
    this.#frame = undefined;
    this.#port = undefined;
  }

  /** The port of a live worker, starting the iframe and worker if needed. */
  #connect(): Promise<MessagePort> {
    this.#port ??= (async () => {
      const source = await loadWorkerSource();
      const frame = document.createElement('iframe');
      frame.setAttribute('sandbox', 'allow-scripts');
      frame.setAttribute('aria-hidden', 'true');
      frame.tabIndex = -1;
      frame.title = 'Scenario runner';
      frame.style.cssText = 'position:absolute;width:0;height:0;border:0;visibility:hidden';
      frame.srcdoc = frameHtml;
      const loaded = new Promise((resolve) => frame.addEventListener('load', resolve, { once: true }));
      document.body.append(frame);
      this.#frame = frame;
      await loaded;
      const channel = new MessageChannel();
      // If the worker never says "ready", the watchdog ends the request and tears the frame down.
      const ready = new Promise<MessagePort>((resolve) => {
        channel.port1.onmessage = (event: MessageEvent<RunnerReply>) => {
          const reply = event.data;
          if (reply.type === 'ready') resolve(channel.port1);
          else this.#receive(reply);
        };
      });
      frame.contentWindow?.postMessage({ type: 'boot', source }, '*', [channel.port2]);
      return ready;
    })();
    return this.#port;
  }

  #receive(reply: RunnerReply): void {
    if (!this.#requests.isCurrent(reply) || !this.#pending || reply.type === 'ready') return;
    if (reply.type === 'status') this.#onStatus(reply.text);
    else if (reply.type === 'error') this.#end({ kind: 'failed', error: reply.error }, false);
    else if (reply.type === 'python') this.#end({ kind: 'python', program: reply.program }, false);
    else this.#end({ kind: 'done', runs: reply.runs, elapsedMs: reply.elapsedMs }, false);
  }
}
