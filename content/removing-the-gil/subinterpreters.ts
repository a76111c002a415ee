// Another road: several interpreters in one process, each with its own GIL
// (PEP 684, Python 3.12; the `concurrent.interpreters` module of PEP 734
// came in 3.14). Before 3.12 subinterpreters shared the process's one GIL.
import { defineScenario, py, spawnInterpreter, join } from "gilsim";

const JOB = 5_000_000;

export default defineScenario({
  title: "Two subinterpreters, one job each",
  runtime: "cpython-3.14",
  cpus: 2,
  *main() {
    const a = yield* spawnInterpreter("interp-1", function* () { yield py(JOB); });
    const b = yield* spawnInterpreter("interp-2", function* () { yield py(JOB); });
    yield* join(a);
    yield* join(b);
  },
});
