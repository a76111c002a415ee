/**
 * Typed results of the scenario API (issue 8, item 17). `tsc` checks this file
 * (`npm run check` covers tests/): the `expectTypeOf` lines and every
 * `@ts-expect-error` fail the check if a handle or an item is typed `any` again.
 * Vitest runs the same scenarios, so `yield*` and `yield` must also behave alike.
 */
import { describe, expect, expectTypeOf, test } from 'vitest';
import { defineScenario, join, log, py, Queue, runScenario, spawn, spawnInterpreter, spawnProcess, type TaskHandle } from 'gilsim';

describe('yield* gives typed results', () => {
  test('spawn, spawnProcess and spawnInterpreter give a TaskHandle; join(notAThread) is a type error', () => {
    const seen: string[] = [];
    const scenario = defineScenario({
      *main() {
        const worker = yield* spawn('worker', function* () { yield py(100); return 42; });
        expectTypeOf(worker).toEqualTypeOf<TaskHandle>();
        const child = yield* spawnProcess('child', function* () { yield py(100); });
        expectTypeOf(child).toEqualTypeOf<TaskHandle>();
        const sub = yield* spawnInterpreter('sub', function* () { yield py(100); });
        expectTypeOf(sub).toEqualTypeOf<TaskHandle>();
        seen.push(`${worker.kind}:${worker.name}`, `${child.kind}:${child.name}`, `${sub.kind}:${sub.name}`);
        const answer = yield* join(worker);
        expectTypeOf(answer).toEqualTypeOf<unknown>();
        seen.push(`answer ${String(answer)}`);
        yield* join(child);
        yield join(sub);
        if (seen.length < 0) {
          // Never run: only here for the type checker.
          // @ts-expect-error a thread's name is not a handle
          yield join(worker.name);
          // @ts-expect-error handles have no such property
          seen.push(worker.result);
          // @ts-expect-error a number is not a handle
          yield* join(42);
        }
      },
    });
    runScenario(scenario);
    expect(seen).toEqual(['thread:worker', 'process:child', 'interpreter:sub', 'answer 42']);
  });

  test('queue.get gives the queue\'s item type', () => {
    const got: number[] = [];
    const jobs = new Queue<number>('jobs');
    const scenario = defineScenario({
      *main() {
        const consumer = yield* spawn('consumer', function* () {
          for (let i = 0; i < 3; i++) {
            const job = yield* jobs.get();
            expectTypeOf(job).toEqualTypeOf<number>();
            got.push(job * 10);
            // @ts-expect-error a number has no length
            if (got.length < 0) log(job.length);
          }
        });
        for (const job of [1, 2, 3]) yield jobs.put(job);
        yield* join(consumer);
      },
    });
    runScenario(scenario);
    expect(got).toEqual([10, 20, 30]);
  });

  test('yield* and yield run the same simulation, event for event', () => {
    const build = (typed: boolean) => defineScenario({
      runtime: 'cpython-2.7',
      *main() {
        const body = function* () { yield py(200_000); };
        const a = typed ? yield* spawn('a', body) : yield spawn('a', body);
        const b = typed ? yield* spawn('b', body) : yield spawn('b', body);
        if (typed) { yield* join(a); yield* join(b); } else { yield join(a); yield join(b); }
      },
    });
    expect(runScenario(build(true))).toEqual(runScenario(build(false)));
  });

  test('a yieldable operation is still plain data: its fields, nothing else of its own', () => {
    const op = spawn('w', function* () {});
    expect(Object.keys(op).sort()).toEqual(['body', 'name', 'op']);
    expect(JSON.parse(JSON.stringify(join({ kind: 'thread', name: 'w', id: 3 })))).toEqual({ op: 'join', handle: { kind: 'thread', name: 'w', id: 3 } });
  });
});
