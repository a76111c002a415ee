// A close-up of the old GIL on two CPUs: about half a millisecond of two
// counting threads. Zoom in on the timeline: the holder releases and
// re-takes the GIL every ~0.6 µs; the other thread is woken, arrives a few
// microseconds later, finds the GIL taken and goes back to sleep.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Old GIL close-up: the battle on two CPUs",
  runtime: "cpython-2.7",
  cpus: 2,
  *main() {
    const a = yield* spawn("A", function* () { yield py(300_000); });
    const b = yield* spawn("B", function* () { yield py(300_000); });
    yield* join(a);
    yield* join(b);
  },
});
