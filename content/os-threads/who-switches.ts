// Two CPU-bound threads on one CPU. The same program under three interpreters:
// who decides when the other thread gets its turn?
//  - Python 2.2 and 2.7 offer the GIL every 10 or 100 "ticks"; the OS decides.
//  - Python 3.2+ makes a waiting thread ask after 5 ms, and hands the GIL over.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Who decides when threads switch?",
  runtime: "cpython-3.12",
  cpus: 1,
  *main() {
    const a = yield* spawn("A", function* () { yield py(6_000_000); });
    const b = yield* spawn("B", function* () { yield py(6_000_000); });
    yield* join(a);
    yield* join(b);
  },
});
