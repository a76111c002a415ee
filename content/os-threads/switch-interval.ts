// sys.setswitchinterval(0.001): the new GIL's only knob. A waiting thread
// asks for the GIL after this long (5 ms by default). Shorter means more
// hand-offs, and each hand-off costs a wake-up on the other side.
import { defineScenario, knob, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "A shorter switch interval",
  runtime: "cpython-3.12",
  cpus: 2,
  knobs: {
    interval: knob.number({ label: "Switch interval", min: 0.5, max: 20, step: 0.5, default: 1, unit: "ms", sets: "switchIntervalMs" }),
  },
  *main() {
    const a = yield* spawn("A", function* () { yield py(4_000_000); });
    const b = yield* spawn("B", function* () { yield py(4_000_000); });
    yield* join(a);
    yield* join(b);
  },
});
