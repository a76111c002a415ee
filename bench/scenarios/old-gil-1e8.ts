// The benchmark's big run: 10^8 bytecodes under the old GIL, two threads on two CPUs
// (the GIL battle at full size: hundreds of thousands of wake-ups and failed acquisitions).
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "10^8 bytecodes, old GIL, 2 threads on 2 CPUs",
  runtime: "cpython-2.7",
  cpus: 2,
  *main() {
    const a = yield* spawn("counter-a", function* () { yield py(50_000_000); });
    const b = yield* spawn("counter-b", function* () { yield py(50_000_000); });
    yield* join(a);
    yield* join(b);
  },
});
