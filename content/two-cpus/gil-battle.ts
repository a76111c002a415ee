// David Brown's unanswered question: on two CPUs, do two CPU-bound threads
// finish sooner? Each thread does one of the two jobs of one-thread.ts.
import { defineScenario, py, spawn, join } from "gilsim";

const JOB = 5_000_000; // bytecodes per thread

export default defineScenario({
  title: "Two CPU-bound threads",
  runtime: "cpython-2.7",
  cpus: 2,
  *main() {
    const a = yield* spawn("job-1", function* () { yield py(JOB); });
    const b = yield* spawn("job-2", function* () { yield py(JOB); });
    yield* join(a);
    yield* join(b);
  },
});
