// No GIL at all: the free-threaded builds (python3.13t, python3.14t). Each
// bytecode costs a little more, but the two threads really run at once.
import { defineScenario, py, spawn, join } from "gilsim";

const JOB = 5_000_000;

export default defineScenario({
  title: "Two CPU-bound threads, free-threaded",
  runtime: "cpython-3.14t",
  cpus: 2,
  *main() {
    const a = yield* spawn("job-1", function* () { yield py(JOB); });
    const b = yield* spawn("job-2", function* () { yield py(JOB); });
    yield* join(a);
    yield* join(b);
  },
});
