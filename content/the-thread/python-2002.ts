// David Brown's first question, on the machine he most likely had in 2002:
// one CPU, Python 2.2. Two threads each count down, as in Beazley's later
// benchmark (`while n > 0: n -= 1` is about 9 bytecodes per turn).
// The CPUs knob gives his machine the second CPU he asked about.
import { defineScenario, knob, py, spawn, join } from "gilsim";

const COUNT = 2_000_000; // bytecodes per thread, about 3.6 ms of work each

export default defineScenario({
  title: "Two counting threads, Python 2.2",
  runtime: "cpython-2.2",
  cpus: 1, // the knob below overrides it
  knobs: {
    cpus: knob.number({ label: "CPUs", min: 1, max: 2, step: 1, default: 1, unit: { one: "CPU", other: "CPUs" }, sets: "cpus" }),
  },
  *main() {
    const a = yield* spawn("counter-a", function* () { yield py(COUNT); });
    const b = yield* spawn("counter-b", function* () { yield py(COUNT); });
    // Real OS threads: the main thread waits in join() with the GIL released.
    yield* join(a);
    yield* join(b);
  },
});
