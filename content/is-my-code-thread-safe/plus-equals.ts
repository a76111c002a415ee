// Two threads each add one to a global a million times: `counter += 1` in a
// loop, as calibration/races/measure.py does on real CPython. Without races the
// counter ends at 2,000,000; the result lists what it really ends at.
import { defineScenario, increment, join, Shared, spawn } from "gilsim";

const TIMES = 1_000_000; // per thread

export default defineScenario({
  title: "counter += 1 from two threads",
  runtime: "cpython-3.9",
  cpus: 2,
  *main() {
    const counter = new Shared("counter", 0);
    function* adder() {
      yield increment(counter, { times: TIMES, via: "inline" }); // for _ in range(TIMES): counter += 1
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
  },
});
