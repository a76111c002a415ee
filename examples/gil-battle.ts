// Two CPU-bound threads, each counting down: the GIL lets only one run bytecode at a time.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Two counting threads",
  cpus: 2,
  runtime: "cpython-2.7",
  *main() {
    const a = yield spawn("counter-a", function* () { yield py(5_000_000); });
    const b = yield spawn("counter-b", function* () { yield py(5_000_000); });
    yield join(a);
    yield join(b);
  },
});
