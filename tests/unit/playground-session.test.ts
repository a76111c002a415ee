/**
 * The playground session (src/playground/session.ts) driven with a fake compiler,
 * runner, controls form and page: each outcome of a run or an export becomes the
 * state and events the page shows, a newer run supersedes an older one, and share
 * links never touch the reader's saved edit.
 */
import { afterEach, describe, expect, test, vi } from 'vitest';
import { defaultBudget, longBudget, type RunBudget } from '../../src/playground/budget';
import type { RunControls } from '../../src/playground/controls';
import { editKey, loadEdit } from '../../src/playground/persistence';
import type { RunVariant, VariantOutcome } from '../../src/playground/protocol';
import type { CompileResult } from '../../src/playground/run/compiler';
import type { RunOutcome } from '../../src/playground/run/runner';
import { PlaygroundSession, type ControlsForm, type PageHooks, type ScenarioCompiler, type ScenarioRunner, type SessionEvent, type SessionOptions } from '../../src/playground/session';
import { decodeShare, encodeShare, type DecodedShare } from '../../src/playground/share';
import { simulatorVersion } from '../../src/sim/index';
import type { RunResult } from '../../src/sim/result';
import { memoryStorage } from '../helpers/memory-storage';
import { limitError } from '../helpers/limit-error';
import { realTraceFixture } from '../fixtures/real-trace';

const original = 'export default defineScenario({ runtime: "cpython-3.12", *main() { yield py(1000); } });';
const edited = original.replace('py(1000)', 'py(2000)');
const scenarioId = 'ch/two-threads';


/** esbuild's answer to a Stop, as run/compiler.ts gives it. */
const stoppedCompile: CompileResult = { ok: false, errors: [], halted: { reason: 'stop', message: 'Stopped while compiling.' } };

/** Answers each compile at once with `reply`, or holds it (`hold`) until the test settles it; Stop (the signal) ends it. */
class FakeCompiler implements ScenarioCompiler {
  calls: { source: string; settle: (result: CompileResult) => void }[] = [];
  hold = false;
  reply: (source: string) => CompileResult | Error = (source) => ({ ok: true, code: `compiled(${source.length})` });

  compile(source: string, signal?: AbortSignal): Promise<CompileResult> {
    return new Promise((resolve, reject) => {
      signal?.addEventListener('abort', () => resolve(stoppedCompile), { once: true });
      this.calls.push({ source, settle: resolve });
      if (this.hold) return;
      const reply = this.reply(source);
      if (reply instanceof Error) reject(reply);
      else resolve(reply);
    });
  }
}

interface Request {
  kind: 'run' | 'export';
  code: string;
  variants: RunVariant[];
  budget?: RunBudget;
  settle: (outcome: RunOutcome) => void;
}

/** Every request waits until the test settles it, in any order; Stop ends the newest. */
class FakeRunner implements ScenarioRunner {
  requests: Request[] = [];
  stops = 0;

  run(code: string, variants: RunVariant[], budget: RunBudget): Promise<RunOutcome> {
    return new Promise((settle) => this.requests.push({ kind: 'run', code, variants, budget, settle }));
  }

  exportPython(code: string, variant: RunVariant): Promise<RunOutcome> {
    return new Promise((settle) => this.requests.push({ kind: 'export', code, variants: [variant], settle }));
  }

  stop(): void {
    this.stops++;
    this.requests.at(-1)?.settle({ kind: 'stopped', reason: 'stop', afterMs: 120 });
  }

  get last(): Request {
    const request = this.requests.at(-1);
    if (!request) throw new Error('nothing was sent to the runner');
    return request;
  }
}

/** The controls form: settings as the test sets them; `undefined` means a field is marked wrong. */
class FakeForm implements ControlsForm {
  controls: RunControls | undefined = {};
  /** Compare runs over the base, or undefined when one is wrong; one run by default. */
  compare: RunControls[] | undefined = [{}];
  compareSet = '';

  read(): RunControls | undefined {
    return this.controls;
  }

  variants(base: RunControls): RunVariant[] | undefined {
    return this.compare?.map((over, index) => ({ label: `run ${index + 1}`, controls: { ...base, ...over } }));
  }
}

class FakePage implements PageHooks {
  location = { origin: 'https://gil.example', pathname: '/chapters/one/', search: '' };
  answers: boolean[] = [];
  questions: string[] = [];
  forgotten = 0;
  copied: string[] = [];
  copyRefused = false;
  clock = [0];

  confirm(question: string): boolean {
    this.questions.push(question);
    return this.answers.shift() ?? false;
  }

  forgetLink(): void {
    this.forgotten++;
  }

  async copy(text: string): Promise<void> {
    if (this.copyRefused) throw new Error('NotAllowedError');
    this.copied.push(text);
  }

  now(): number {
    return this.clock.length > 1 ? this.clock.shift()! : this.clock[0];
  }
}

function setup(options: Partial<SessionOptions> = {}) {
  const compiler = new FakeCompiler();
  const runner = new FakeRunner();
  const form = new FakeForm();
  const page = new FakePage();
  const storage = options.storage ?? memoryStorage();
  const session = new PlaygroundSession({ scenarioId, original, storage, full: false, published: true, ...options }, { compiler, runner, form, page });
  const events: SessionEvent[] = [];
  session.subscribe((event) => events.push(event));
  const outcomes = () => events.flatMap((event) => (event.type === 'outcome' ? [event.outcome] : []));
  const drawn = () => events.flatMap((event) => (event.type === 'results' ? [event.runs] : []));
  return { session, compiler, runner, form, page, storage, events, outcomes, drawn };
}

/** Let every pending promise continuation run. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

const fakeResult = { trace: { threads: [] } } as unknown as RunResult;
const ok = (label = 'run 1'): VariantOutcome => ({ ok: true, label, result: fakeResult });
const done = (...runs: VariantOutcome[]): RunOutcome => ({ kind: 'done', runs, elapsedMs: 5 });


afterEach(() => {
  vi.useRealTimers();
});

describe('compile errors', () => {
  test('are marked and listed once, with their line and column, and nothing runs', async () => {
    const { session, compiler, runner, outcomes } = setup();
    compiler.reply = () => ({ ok: false, errors: [{ message: 'Expected ";" but found "yield"', line: 3, column: 14 }] });
    await session.run();
    const state = session.state;
    expect(state.markers).toEqual([{ message: 'Expected ";" but found "yield"', line: 3, column: 14, severity: 'error' }]);
    expect(state.messages).toEqual({ kind: 'error', items: ['Line 3, column 14: Expected ";" but found "yield"'] });
    expect(state.status).toBe('The scenario does not compile (1 error).');
    expect(outcomes()).toEqual(['compile-error']);
    expect(runner.requests).toEqual([]);
    expect(state.running).toBe(false);
  });

  test('several are counted, and the next good compile clears them', async () => {
    const { session, compiler, runner, outcomes } = setup();
    compiler.reply = () => ({ ok: false, errors: [{ message: 'a', line: 1, column: 1 }, { message: 'b', line: 2, column: 5 }] });
    await session.run();
    expect(session.state.status).toBe('The scenario does not compile (2 errors).');
    expect(session.state.messages.items).toEqual(['Line 1, column 1: a', 'Line 2, column 5: b']);
    compiler.reply = () => ({ ok: true, code: 'js' });
    const running = session.run();
    await settle();
    expect(session.state.markers).toEqual([]);
    expect(session.state.messages.items).toEqual([]);
    expect(session.state.status).toBe('Running…');
    runner.last.settle(done(ok()));
    await running;
    expect(outcomes()).toEqual(['compile-error', 'done']);
  });

  test('a compile the time limit ended says so, with nothing to mark', async () => {
    const { session, compiler, outcomes } = setup();
    compiler.reply = () => ({ ok: false, errors: [], halted: { reason: 'timeout', message: 'The compiler gave up after 15 s on this code.' } });
    await session.run();
    expect(session.state.markers).toEqual([]);
    expect(session.state.messages).toEqual({ kind: 'error', items: ['The compiler gave up after 15 s on this code.'] });
    expect(session.state.status).toBe('The scenario could not be compiled.');
    expect(outcomes()).toEqual(['compile-error']);
  });

  test('the export reuses the same marks and messages, and sends nothing to the runner', async () => {
    const { session, compiler, runner, outcomes } = setup();
    const errors = [{ message: 'Unexpected "}"', line: 9, column: 2 }];
    compiler.reply = () => ({ ok: false, errors });
    await session.run();
    const fromRun = { markers: session.state.markers, messages: session.state.messages };
    session.edit(edited); // a new state, so the export's marks are its own
    expect(await session.exportPython()).toBeUndefined();
    expect({ markers: session.state.markers, messages: session.state.messages }).toEqual(fromRun);
    expect(session.state.status).toBe('The scenario does not compile, so it cannot be exported.');
    expect(runner.requests).toEqual([]);
    expect(compiler.calls.map((call) => call.source)).toEqual([original, edited]);
    expect(outcomes()).toEqual(['compile-error']); // an export is no run
  });
});

describe('running', () => {
  test('a finished run is drawn, timed by the clock, counted, and can be exported', async () => {
    const { session, runner, page, outcomes, drawn } = setup();
    page.clock = [1000, 2234];
    const running = session.run();
    expect(session.state.running).toBe(true);
    expect(session.state.status).toBe('Compiling…');
    await settle();
    expect(runner.last.budget).toBe(defaultBudget);
    expect(runner.last.code).toBe(`compiled(${original.length})`);
    const runs = [ok()];
    runner.last.settle(done(...runs));
    await running;
    expect(drawn()).toEqual([runs]);
    expect(session.state).toMatchObject({ status: 'Ran in 1.23 s.', running: false, runs: 1, exportable: true, result: 'live', runLonger: false });
    expect(outcomes()).toEqual(['done']);
  });

  test('compare runs go in one request, and the status counts them', async () => {
    const { session, runner, form } = setup();
    form.controls = { seed: 7 };
    form.compare = [{ runtime: 'cpython-2.7' }, { runtime: 'cpython-3.12' }];
    void session.run();
    await settle();
    expect(session.state.status).toBe('Running 2 runs…');
    expect(runner.last.variants.map((variant) => variant.controls)).toEqual([{ seed: 7, runtime: 'cpython-2.7' }, { seed: 7, runtime: 'cpython-3.12' }]);
  });

  test('wrong settings or compare runs: nothing compiles and the status says what to fix', async () => {
    const { session, form, compiler, outcomes } = setup();
    form.controls = undefined;
    await session.run();
    expect(session.state.status).toBe('Fix the settings marked beside the controls, then Run.');
    form.controls = {};
    form.compare = undefined;
    await session.run();
    expect(session.state.status).toBe('Fix the compare runs marked in red, then Run.');
    expect(compiler.calls).toEqual([]);
    expect(outcomes()).toEqual([]);
    expect(session.state.running).toBe(false);
  });

  test('a newer run supersedes an older one: its late compile runs nothing, its late outcome is ignored', async () => {
    const { session, compiler, runner, outcomes, drawn } = setup();
    compiler.hold = true;
    const first = session.run();
    session.edit(edited);
    const second = session.run();
    expect(compiler.calls.map((call) => call.source)).toEqual([original, edited]);
    compiler.calls[1].settle({ ok: true, code: 'second' });
    await settle();
    compiler.calls[0].settle({ ok: true, code: 'first' });
    await first;
    expect(runner.requests.map((request) => request.code)).toEqual(['second']);
    expect(session.state.running).toBe(true);

    // A run already in the runner when a newer one starts: its outcome, however late, is not shown.
    const third = session.run();
    compiler.calls[2].settle({ ok: true, code: 'third' });
    await settle();
    runner.requests[1].settle(done(ok('third')));
    await third;
    runner.requests[0].settle({ kind: 'failed', error: { message: 'late failure', line: 2 } });
    await second;
    expect(runner.requests.map((request) => request.code)).toEqual(['second', 'third']);
    expect(drawn().map((runs) => runs[0].label)).toEqual(['third']);
    expect(outcomes()).toEqual(['done']);
    expect(session.state).toMatchObject({ running: false, runs: 1, markers: [], messages: { items: [] } });
  });

  test('a late compile error of a superseded run marks nothing', async () => {
    const { session, compiler, runner } = setup();
    compiler.hold = true;
    const first = session.run();
    const second = session.run();
    compiler.calls[0].settle({ ok: false, errors: [{ message: 'old', line: 1, column: 1 }] });
    await first;
    expect(session.state.markers).toEqual([]);
    expect(session.state.status).toBe('Compiling…');
    compiler.calls[1].settle({ ok: true, code: 'js' });
    await settle();
    runner.last.settle(done(ok()));
    await second;
    expect(session.state.status).toMatch(/^Ran in/);
  });

  test('Stop ends a run', async () => {
    const { session, runner, outcomes } = setup();
    const running = session.run();
    await settle();
    session.stop();
    await running;
    expect(runner.stops).toBe(1);
    expect(session.state).toMatchObject({ status: 'Stopped. Edit and Run again.', running: false, runLonger: false });
    expect(outcomes()).toEqual(['stopped']);
  });

  test('Stop ends a compile too, and nothing reaches the runner', async () => {
    const { session, compiler, runner, outcomes } = setup();
    compiler.hold = true;
    const running = session.run();
    session.stop();
    await running;
    expect(session.state).toMatchObject({ status: 'Stopped. Edit and Run again.', running: false, messages: { items: [] } });
    expect(runner.requests).toEqual([]);
    expect(outcomes()).toEqual(['stopped']);
  });

  test('the wall clock offers Run longer, which runs with the long budget; at the long budget it is not offered again', async () => {
    const { session, runner, outcomes } = setup();
    let running = session.run();
    await settle();
    runner.last.settle({ kind: 'stopped', reason: 'timeout', afterMs: 10_004 });
    await running;
    expect(session.state.status).toMatch(/^Stopped after 10 s: .*Run longer \(up to 60 s\)/);
    expect(session.state.runLonger).toBe(true);

    running = session.runLonger();
    expect(session.state.runLonger).toBe(false);
    await settle();
    expect(runner.last.budget).toBe(longBudget);
    expect(session.state.status).toMatch(/Running longer \(up to 30,000,000 events\)… \d+ s of at most 60 s/);
    runner.last.settle({ kind: 'stopped', reason: 'timeout', afterMs: 60_010 });
    await running;
    expect(session.state.status).toMatch(/^Stopped after 60 s of real time, the longest the playground runs/);
    expect(session.state.runLonger).toBe(false);
    expect(outcomes()).toEqual(['stopped', 'stopped']);
  });

  test('a long run counts its seconds with the runner\'s step, and stops counting when it ends', async () => {
    vi.useFakeTimers();
    const { session, runner } = setup();
    const running = session.runLonger();
    await vi.advanceTimersByTimeAsync(0);
    session.runnerStep('Running CPython 3.12 (1 of 1)…');
    expect(session.state.status).toMatch(/^Running CPython 3.12 \(1 of 1\)… Running longer/);
    runner.last.settle(done(ok()));
    await running;
    expect(session.state.status).toMatch(/^Ran in/);
    await vi.advanceTimersByTimeAsync(5000);
    expect(session.state.status).toMatch(/^Ran in/);
  });

  test('the event limit: the budget\'s advice instead of the engine\'s, and Run longer', async () => {
    const { session, runner, outcomes, drawn } = setup();
    const running = session.run();
    await settle();
    const error = limitError({ maxEvents: 30_000 }, 'loop');
    runner.last.settle(done({ ok: false, label: 'CPython 3.12, 2 CPUs', error }));
    await running;
    const [message] = session.state.messages.items;
    expect(message).toMatch(/^CPython 3\.12, 2 CPUs: SimulationLimitError: stopped after 30000 operations.*stops each run after 3,000,000 simulator events; Run longer allows 30,000,000\.$/s);
    expect(message).not.toMatch(/maxEvents/);
    expect(session.state).toMatchObject({ status: '1 of 1 run failed.', runLonger: true, exportable: false, runs: 1 });
    expect(drawn()).toHaveLength(1);
    expect(outcomes()).toEqual(['runtime-error']);
  });

  test('the simulated-time cap gets its own advice and no Run longer', async () => {
    const { session, runner } = setup();
    const running = session.run();
    await settle();
    runner.last.settle(done({ ok: false, label: 'run 1', error: limitError({}, 'sleep') }));
    await running;
    expect(session.state.messages.items[0]).toMatch(/simulate less time/);
    expect(session.state.runLonger).toBe(false);
  });

  test('one failed compare run is marked at its line; the others are drawn and exportable', async () => {
    const { session, runner, form, outcomes } = setup();
    form.compare = [{ cpus: 1 }, { cpus: 4 }];
    const running = session.run();
    await settle();
    runner.last.settle(done(ok('run 1'), { ok: false, label: 'run 2', error: { message: 'TypeError: x is undefined', line: 6 } }));
    await running;
    expect(session.state.markers).toEqual([{ message: 'run 2: TypeError: x is undefined', line: 6, column: 1, severity: 'error' }]);
    expect(session.state.messages.items).toEqual(['Line 6: run 2: TypeError: x is undefined']);
    expect(session.state).toMatchObject({ status: '1 of 2 runs failed.', exportable: true, runLonger: false });
    expect(outcomes()).toEqual(['runtime-error']);
  });

  test('a scenario that throws is marked at its line', async () => {
    const { session, runner, outcomes } = setup();
    const running = session.run();
    await settle();
    runner.last.settle({ kind: 'failed', error: { message: 'Error: boom', line: 7 } });
    await running;
    expect(session.state.markers).toEqual([{ message: 'Error: boom', line: 7, column: 1, severity: 'error' }]);
    expect(session.state.messages).toEqual({ kind: 'error', items: ['Line 7: Error: boom'] });
    expect(session.state.status).toBe('The scenario failed.');
    expect(session.state.result).toBe('published'); // nothing new to show
    expect(outcomes()).toEqual(['runtime-error']);
  });

  test('a crashed runner is named, and the next run works', async () => {
    const { session, runner, outcomes } = setup();
    let running = session.run();
    await settle();
    runner.last.settle({ kind: 'crashed', afterMs: 2500 });
    await running;
    expect(session.state.messages).toEqual({ kind: 'error', items: ['The runner crashed (out of memory?): the scenario may allocate too much. The page is fine; edit and Run again.'] });
    expect(session.state.status).toBe('The runner crashed (out of memory?).');
    expect(session.state.running).toBe(false);
    running = session.run();
    await settle();
    runner.last.settle(done(ok()));
    await running;
    expect(outcomes()).toEqual(['crashed', 'done']);
    expect(session.state.messages.items).toEqual([]);
  });

  test('a compiler that cannot load: the reason, and the page carries on', async () => {
    const { session, compiler, outcomes } = setup();
    compiler.reply = () => new Error('could not load the compiler (404)');
    await session.run();
    expect(session.state.status).toBe('Could not run: Error: could not load the compiler (404)');
    expect(session.state.running).toBe(false);
    expect(outcomes()).toEqual(['internal-error']);
  });
});

describe('the Python export', () => {
  test('records the scenario under the form\'s settings, labelled in the units of the runtime the code names', async () => {
    const { session, runner, form } = setup();
    const oldGil = original.replace('cpython-3.12', 'cpython-2.7');
    session.edit(oldGil);
    form.controls = { cpus: 4, checkInterval: 50 };
    const program = session.exportPython();
    await settle();
    expect(session.state.status).toBe('Writing the Python program…');
    expect(runner.last).toMatchObject({ kind: 'export', code: `compiled(${oldGil.length})` });
    expect(runner.last.variants).toEqual([{ label: 'As written, 4 CPUs, check interval 50 ticks', controls: { cpus: 4, checkInterval: 50 } }]);
    runner.last.settle({ kind: 'python', program: 'print("hi")\n' });
    expect(await program).toBe('print("hi")\n');
    expect(session.state.status).toMatch(/^Python program saved/);
  });

  test('a failure is marked; wrong settings export nothing', async () => {
    const { session, runner, form, compiler } = setup();
    const program = session.exportPython();
    await settle();
    runner.last.settle({ kind: 'failed', error: { message: 'Error: nope', line: 4 } });
    expect(await program).toBeUndefined();
    expect(session.state.markers).toEqual([{ message: 'Error: nope', line: 4, column: 1, severity: 'error' }]);
    expect(session.state.status).toBe('Could not export the scenario.');
    form.controls = undefined;
    expect(await session.exportPython()).toBeUndefined();
    expect(session.state.status).toBe('Fix the settings marked beside the controls, then export.');
    expect(compiler.calls).toHaveLength(1);
  });

  test('a Run during an export supersedes it: the export gives nothing and does not overwrite the run\'s status', async () => {
    const { session, runner } = setup();
    const program = session.exportPython();
    await settle();
    const running = session.run();
    await settle();
    runner.requests[0].settle({ kind: 'stopped', reason: 'superseded', afterMs: 3 });
    expect(await program).toBeUndefined();
    expect(session.state.status).toBe('Running…');
    runner.last.settle(done(ok()));
    await running;
    expect(session.state.status).toMatch(/^Ran in/);
  });

  test('an export during a run takes over: the run no longer counts as running', async () => {
    const { session, runner, outcomes } = setup();
    const running = session.run();
    await settle();
    const program = session.exportPython();
    expect(session.state.running).toBe(false);
    runner.requests[0].settle({ kind: 'stopped', reason: 'superseded', afterMs: 3 });
    await running;
    await settle();
    runner.last.settle({ kind: 'python', program: 'x = 1\n' });
    expect(await program).toBe('x = 1\n');
    expect(session.state.running).toBe(false);
    expect(outcomes()).toEqual([]);
  });
});

describe('out of date', () => {
  test('the published result after an edit, Reset and Undo reset; a run\'s result after an edit and back', async () => {
    const { session, runner, events } = setup();
    expect(session.state).toMatchObject({ result: 'published', stale: undefined, modified: false });
    session.edit(edited);
    expect(session.state.stale).toBe('Out of date: this is the published result, and the code on show differ. Run to update.');
    expect(session.state.modified).toBe(true);
    session.reset();
    expect(events.at(-2)).toEqual({ type: 'workspace', code: original, controls: {} });
    expect(session.state).toMatchObject({ stale: undefined, modified: false, canUndoReset: true });
    session.undoReset();
    expect(events.at(-2)).toEqual({ type: 'workspace', code: edited, controls: {} });
    expect(session.state.status).toBe('Your edit is back.');
    expect(session.state.stale).toMatch(/^Out of date: this is the published result/);

    const running = session.run();
    await settle();
    runner.last.settle(done(ok()));
    await running;
    expect(session.state).toMatchObject({ result: 'live', stale: undefined });
    session.edit(original);
    expect(session.state.stale).toBe('Out of date: the code changed since this ran. Run to update.');
    session.edit(edited);
    expect(session.state.stale).toBeUndefined();
  });

  test('settings and the compare set count, as the form reads them', async () => {
    const { session, form } = setup();
    form.controls = { cpus: 8 };
    session.controlsChanged();
    expect(session.controls).toEqual({ cpus: 8 });
    expect(session.state.stale).toBe('Out of date: this is the published result, and the settings on show differ. Run to update.');
    form.controls = {};
    session.controlsChanged();
    expect(session.state.stale).toBeUndefined();
    form.compareSet = '[["cpython-2.7","2"]]';
    expect(session.state.stale).toMatch(/the settings on show differ/);
    form.controls = undefined; // a wrong field: the settings kept are the last good ones
    session.controlsChanged();
    expect(session.controls).toEqual({});
  });

  test('a run that edits happened during: its result is out of date at once', async () => {
    const { session, runner } = setup();
    const running = session.run();
    session.edit(edited);
    await settle();
    runner.last.settle(done(ok()));
    await running;
    expect(session.state.stale).toBe('Out of date: the code changed since this ran. Run to update.');
  });

  test('with no published result there is nothing to mark before the first run', () => {
    const { session } = setup({ published: false });
    session.edit(edited);
    expect(session.state).toMatchObject({ result: 'none', stale: undefined });
  });
});

describe('saved edits and share links', () => {
  const linkTo = (code: string, controls: RunControls = {}, id = scenarioId): DecodedShare =>
    decodeShare({ hash: encodeShare({ scenarioId: id, code, controls, simVersion: simulatorVersion }) });
  const sharedCode = original.replace('py(1000)', 'py(777)');

  /** A storage holding the reader's own edit of the scenario. */
  function withOwnEdit(): Storage {
    const { session, storage } = setup();
    session.edit(edited);
    return storage;
  }

  test('a saved edit comes back, and the status says so', () => {
    const { session } = setup({ storage: withOwnEdit() });
    expect(session.code).toBe(edited);
    expect(session.state.status).toBe('Your edit from last time is back (Reset restores the original).');
  });

  test('a link opened at load shows its code and runs nothing; editing it leaves the saved edit alone', () => {
    const storage = withOwnEdit();
    const saved = storage.getItem(editKey(scenarioId));
    const { session, compiler, runner } = setup({ storage, share: linkTo(sharedCode, { cpus: 3 }) });
    expect(session.code).toBe(sharedCode);
    expect(session.controls).toEqual({ cpus: 3 });
    expect(session.state).toMatchObject({ fromLink: true, ownEdit: true, status: '', stale: expect.stringMatching(/published result/) });
    expect(session.state.messages.items[0]).toMatch(/^Opened from a share link\. Nothing has run: press Run/);
    session.edit(sharedCode + '\n// mine');
    session.reset();
    expect(storage.getItem(editKey(scenarioId))).toBe(saved);
    expect(compiler.calls).toEqual([]);
    expect(runner.requests).toEqual([]);
  });

  test('a link arriving later replaces the code on show, is announced, and runs nothing', async () => {
    const storage = withOwnEdit();
    const { session, runner, compiler, events } = setup({ storage });
    const running = session.run();
    await settle();
    runner.last.settle(done(ok()));
    await running;
    session.openShare(linkTo(sharedCode));
    expect(events.filter((event) => event.type === 'workspace')).toEqual([{ type: 'workspace', code: sharedCode, controls: {} }]);
    expect(session.state).toMatchObject({ fromLink: true, status: '', stale: 'Out of date: the code changed since this ran. Run to update.' });
    expect(session.state.messages).toMatchObject({ kind: 'note', items: [expect.stringMatching(/^Opened from a share link/)] });
    expect(compiler.calls).toHaveLength(1);
    expect(runner.requests).toHaveLength(1);
    expect(loadEdit(storage, editKey(scenarioId))).toMatchObject({ kind: 'edit', edit: { code: edited } });
  });

  test('a link for another scenario, or a damaged one, is refused with a note', () => {
    const { session } = setup();
    session.openShare(linkTo(sharedCode, {}, 'ch/elsewhere'));
    expect(session.state.messages.items).toEqual(['This share link is for another scenario ("ch/elsewhere"), which is not on this page.']);
    expect(session.code).toBe(original);
    session.openShare({ kind: 'invalid', message: 'This share link is damaged (bad JSON).' });
    expect(session.state.messages.items).toEqual(['This share link is damaged (bad JSON).']);
    expect(session.state.fromLink).toBe(false);
  });

  test('the full playground opens a link for any scenario', () => {
    const { session } = setup({ full: true, share: linkTo(sharedCode, {}, 'ch/elsewhere') });
    expect(session.code).toBe(sharedCode);
  });

  test('Keep as my edit asks before replacing the saved edit, and keeps it when the reader says no', () => {
    const storage = withOwnEdit();
    const { session, page } = setup({ storage, share: linkTo(sharedCode) });
    session.keepLink();
    expect(page.questions).toEqual([expect.stringMatching(/^Replace your saved edit/)]);
    expect(loadEdit(storage, editKey(scenarioId))).toMatchObject({ edit: { code: edited } });
    expect(session.state.fromLink).toBe(true);
    page.answers = [true];
    session.keepLink();
    expect(loadEdit(storage, editKey(scenarioId))).toMatchObject({ edit: { code: sharedCode } });
    expect(session.state).toMatchObject({ fromLink: false, status: 'This code is now your edit of the scenario.' });
    expect(page.forgotten).toBe(1);
  });

  test('Back to my edit brings the saved edit back and forgets the link in the URL', () => {
    const { session, page, events } = setup({ storage: withOwnEdit(), share: linkTo(sharedCode) });
    session.leaveLink();
    expect(events.filter((event) => event.type === 'workspace')).toEqual([{ type: 'workspace', code: edited, controls: {} }]);
    expect(session.state).toMatchObject({ fromLink: false, status: 'Your own edit is back; changes to the shared code stay saved with its link.' });
    expect(page.forgotten).toBe(1);
  });

  test('Share makes a link that opens this code and these settings, and copies it', async () => {
    const { session, form, page, events } = setup();
    session.edit(edited);
    form.controls = { seed: 42, cpus: 2 };
    await session.share();
    const shared = events.flatMap((event) => (event.type === 'share' ? [event.url] : []));
    expect(shared).toHaveLength(1);
    expect(page.copied).toEqual(shared);
    const url = new URL(shared[0]);
    expect(url.origin + url.pathname).toBe('https://gil.example/chapters/one/');
    expect(decodeShare(url)).toMatchObject({ kind: 'shared', shared: { scenarioId, code: edited, controls: { seed: 42, cpus: 2 }, seed: 42 } });
    expect(session.state.status).toBe('Link copied. Whoever opens it sees this code and presses Run themselves.');
    page.copyRefused = true;
    await session.share();
    expect(session.state.status).toBe('Copy the link from the box below.');
  });

  test('code too long for a link gets a message and no link', async () => {
    const { session, events } = setup();
    session.edit(Array.from({ length: 4000 }, (_, index) => `const v${index} = ${(index * 7919) % 100_003};`).join('\n'));
    await session.share();
    expect(session.state.status).toMatch(/too long for a share link/);
    expect(events.some((event) => event.type === 'share')).toBe(false);
  });

  test('a browser that refuses to save is named on the next edit', () => {
    const blocked = new Proxy({} as Storage, { get: () => () => { throw new DOMException('blocked', 'SecurityError'); } });
    const { session } = setup({ storage: blocked });
    session.edit(edited);
    expect(session.state.status).toBe('This browser does not let the page save your edit; it will be lost on reload.');
  });
});

describe('loading a real trace', () => {
  const id = '0123456789abcdef';
  const program = `SETTINGS = {"runtime": "cpython-3.12", "cpus": 2, "scenarioId": "${id}", "title": "Test"}\n`;
  /** A file as the reader chose it; counts the reads. */
  const chosen = (text: string, size = text.length) => {
    const file = { name: 'trace.json', size, reads: 0, text: async () => { file.reads++; return text; } };
    return file;
  };
  const realRuns = (events: SessionEvent[]) => events.flatMap((event) => (event.type === 'real-run' ? [event.run] : []));

  test('a trace of this scenario under the form\'s settings is drawn as one more run, labelled with its Python and machine', async () => {
    const { session, runner, events, form } = setup();
    form.controls = { cpus: 2 };
    const loading = session.loadRealTrace(chosen(JSON.stringify(realTraceFixture(id))));
    await settle();
    expect(runner.last).toMatchObject({ kind: 'export' });
    expect(runner.last.variants[0].controls).toEqual({ cpus: 2 });
    runner.last.settle({ kind: 'python', program });
    await loading;
    const [run] = realRuns(events);
    expect(run.label).toBe('Real CPython 3.12.1 on Test CPU (Linux)');
    expect(run.result.metrics.wallMs).toBe(10);
    expect(run.result.trace.intervals.filter((interval) => interval.thread === 1).map((interval) => interval.state)).toEqual(['python', 'gil-wait', 'python']);
    expect(session.state.status).toMatch(/^Loaded the real run/);
    expect(session.state.messages.items).toEqual([]);
  });

  test('another scenario\'s trace is refused with a message; the results on show are kept', async () => {
    const { session, runner, events } = setup();
    const loading = session.loadRealTrace(chosen(JSON.stringify(realTraceFixture('fedcba9876543210', { title: 'Some other' }))));
    await settle();
    runner.last.settle({ kind: 'python', program });
    await loading;
    expect(realRuns(events)).toEqual([]);
    expect(events.some((event) => event.type === 'results')).toBe(false);
    expect(session.state.messages).toEqual({ kind: 'error', items: [expect.stringMatching(/another scenario \("Some other"\)/)] });
    expect(session.state.status).toBe('Could not load the real trace.');
  });

  test.each([
    ['not JSON', '{"format": ', /not JSON/],
    ['the simulator\'s own trace file', JSON.stringify({ format: 'gil-lab-trace/2', runs: [] }), /format should be "gil-lab-real-trace"/],
    ['a trace naming a thread it does not have', JSON.stringify(realTraceFixture(id, { trace: [{ thread: 7, state: 'python', startMs: 0, endMs: 1 }] })), /trace\[0\]\.thread/],
    ['a state the simulator has not', JSON.stringify(realTraceFixture(id, { trace: [{ thread: 0, state: 'sleeping', startMs: 0, endMs: 1 }] })), /trace\[0\]\.state/],
  ])('%s: refused before anything is exported', async (_, text, message) => {
    const { session, runner, events } = setup();
    await session.loadRealTrace(chosen(text));
    expect(runner.requests).toEqual([]);
    expect(realRuns(events)).toEqual([]);
    expect(session.state.messages.items).toEqual([expect.stringMatching(message)]);
  });

  test('a huge file is refused without being read', async () => {
    const { session, runner } = setup();
    const file = chosen('{}', 200 * 1024 * 1024);
    await session.loadRealTrace(file);
    expect(file.reads).toBe(0);
    expect(runner.requests).toEqual([]);
    expect(session.state.messages.items).toEqual([expect.stringMatching(/200\.0 MB; a real trace may be at most 32 MB/)]);
  });
});
