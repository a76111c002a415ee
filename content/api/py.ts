// py(n): run n bytecodes of pure Python. It needs the GIL, so two threads
// doing it take turns.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "py(): Python bytecodes",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const t = yield* spawn("other", function* () { yield py(2_000_000); });
    yield py(2_000_000); // about 5 ms at 2.6 ns per bytecode
    yield* join(t);
  },
});
