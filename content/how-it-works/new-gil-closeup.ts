// A close-up of the new GIL: the waiting thread sleeps 5 ms on a timed
// condition wait, sets the drop request, and the holder hands the GIL over
// at its next check and waits until the other thread has taken it.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "New GIL close-up: forced switching every 5 ms",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const a = yield* spawn("A", function* () { yield py(8_000_000); });
    const b = yield* spawn("B", function* () { yield py(8_000_000); });
    yield* join(a);
    yield* join(b);
  },
});
