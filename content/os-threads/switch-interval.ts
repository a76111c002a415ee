// sys.setswitchinterval(0.001): the new GIL's only knob. A waiting thread
// asks for the GIL after this long (5 ms by default). Shorter means more
// hand-offs, and each hand-off costs a wake-up on the other side.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Switch interval 1 ms instead of 5 ms",
  runtime: "cpython-3.12",
  cpus: 2,
  switchIntervalMs: 1,
  *main() {
    const a = yield* spawn("A", function* () { yield py(4_000_000); });
    const b = yield* spawn("B", function* () { yield py(4_000_000); });
    yield* join(a);
    yield* join(b);
  },
});
