// The old GIL's two lock implementations on one CPU. Linux used a POSIX
// semaphore: a release costs almost nothing unless a thread sleeps on it.
// macOS used a mutex and a condition variable: while another thread waits,
// every release pays a signal. First one thread runs two countdowns one after
// the other, then two threads run them at once; the console marks each phase.
import { defineScenario, py, spawn, join, log } from "gilsim";

const COUNTDOWN = 3_000_000; // bytecodes: longer than an OS time slice on either machine

export default defineScenario({
  title: "Old GIL on one CPU: Linux semaphore vs macOS condition variable",
  runtime: "cpython-2.7",
  machine: "macbook-2009", // try "linux-vm"
  cpus: 1,
  *main() {
    // Phase 1: one thread runs both countdowns, one after the other.
    const sequential = yield* spawn("sequential", function* () {
      yield py(COUNTDOWN);
      yield py(COUNTDOWN);
    });
    yield* join(sequential);
    log("sequential: done");

    // Phase 2: the same two countdowns in two threads at once.

    const a = yield* spawn("A", function* () { yield py(COUNTDOWN); });
    const b = yield* spawn("B", function* () { yield py(COUNTDOWN); });
    yield* join(a);
    yield* join(b);
    log("two threads: done");
  },
});
