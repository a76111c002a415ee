// David Beazley's 2009 experiment, on a model of his machine: a dual-core
// MacBook running Python 2.6, whose old GIL was a mutex plus a condition
// variable. First one thread runs the two countdowns one after the other,
// then two threads run them at once; the console marks each phase.
import { defineScenario, py, spawn, join, log } from "gilsim";

const COUNTDOWN = 1_000_000; // bytecodes: count(n) for n of about 110,000

export default defineScenario({
  title: "Beazley's MacBook: sequential, then two threads",
  runtime: "cpython-2.7",
  machine: "macbook-2009",
  cpus: 2,
  *main() {
    // Phase 1: one thread runs both countdowns, one after the other.
    const sequential = yield* spawn("sequential", function* () {
      yield py(COUNTDOWN);
      yield py(COUNTDOWN);
    });
    yield* join(sequential);
    log("sequential: done");

    // Phase 2: the same two countdowns in two threads at once.

    const a = yield* spawn("count-1", function* () { yield py(COUNTDOWN); });
    const b = yield* spawn("count-2", function* () { yield py(COUNTDOWN); });
    yield* join(a);
    yield* join(b);
    log("two threads: done");
  },
});
