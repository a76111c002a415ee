// David Brown's unanswered question: on two CPUs, do two CPU-bound threads
// finish sooner? Each thread does one of the two jobs of one-thread.ts.
// The knobs set the run's CPUs, runtime and (old GIL) check interval: turn them
// in the chapter's figure.
import { defineScenario, knob, py, spawn, join } from "gilsim";

const JOB = 5_000_000; // bytecodes per thread

export default defineScenario({
  title: "Two CPU-bound threads",
  runtime: "cpython-2.7", // the knobs below override these two
  cpus: 2,
  knobs: {
    cpus: knob.number({ label: "CPUs", min: 1, max: 4, step: 1, default: 2, unit: { one: "CPU", other: "CPUs" }, sets: "cpus" }),
    runtime: knob.choice({
      label: "Runtime",
      choices: { "cpython-2.7": "CPython 2.7", "cpython-3.12": "CPython 3.12", "cpython-3.14t": "CPython 3.14t" },
      default: "cpython-2.7",
      sets: "runtime",
    }),
    // The old GIL's sys.setcheckinterval: how many ticks between offers of the GIL.
    checkInterval: knob.number({ label: "Check interval (old GIL)", min: 10, max: 2000, step: 10, default: 100, unit: "ticks", sets: "checkInterval" }),
  },
  *main() {
    const a = yield* spawn("job-1", function* () { yield py(JOB); });
    const b = yield* spawn("job-2", function* () { yield py(JOB); });
    yield* join(a);
    yield* join(b);
  },
});
