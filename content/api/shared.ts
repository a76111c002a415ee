// Shared: a Python global. Two threads each run `counter += 1` 200,000 times on
// CPython 3.9, where a thread switch can land between the read and the write.
import { defineScenario, increment, join, log, Shared, spawn } from "gilsim";

export default defineScenario({
  title: "Shared: a global two threads update",
  runtime: "cpython-3.9",
  cpus: 2,
  *main() {
    const counter = new Shared("counter", 0);
    function* adder() {
      yield increment(counter, { times: 200_000 });
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
    log("see the results: counter should be 400,000");
  },
});
