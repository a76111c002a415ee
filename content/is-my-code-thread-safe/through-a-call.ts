// The same loop with a function call between the read and the write:
// `counter = bump(counter)`, where `def bump(value): return value + 1`.
// From 3.10 a thread switch can land on bump's entry, inside the window.
import { defineScenario, increment, join, Shared, spawn } from "gilsim";

const TIMES = 1_000_000; // per thread

export default defineScenario({
  title: "counter = bump(counter) from two threads",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const counter = new Shared("counter", 0);
    function* adder() {
      yield increment(counter, { times: TIMES, via: "call" }); // for _ in range(TIMES): counter = bump(counter)
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
  },
});
