// Two threads each add one to a global a million times: `counter += 1` in a
// loop, as calibration/races/measure.py does on real CPython. Without races the
// counter ends at 2,000,000; the result lists what it really ends at.
// The knobs: how many times each thread adds, and whether a function call sits
// between the read and the write (`counter = bump(counter)`).
import { defineScenario, increment, join, knob, Shared, spawn } from "gilsim";

export default defineScenario({
  title: "counter += 1 from two threads",
  runtime: "cpython-3.9",
  cpus: 2,
  knobs: {
    times: knob.number({ label: "Increments per thread", min: 10_000, max: 1_000_000, step: 10_000, default: 1_000_000, unit: { one: "time", other: "times" } }),
    via: knob.choice({
      label: "The update",
      choices: { inline: "counter += 1", call: "counter = bump(counter)" },
      default: "inline",
    }),
  },
  *main({ knobs }) {
    const counter = new Shared("counter", 0);
    function* adder() {
      yield increment(counter, { times: knobs.times, via: knobs.via }); // for _ in range(times): counter += 1
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
  },
});
