// Event: threading.Event. Two threads wait until the main thread says go.
import { defineScenario, py, spawn, join, log, Event } from "gilsim";

export default defineScenario({
  title: "Event: wait for a signal",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const go = new Event("go");
    function runner(name: string) {
      return function* () {
        yield go.wait();   // blocked, GIL released
        yield py(300_000);
        log(`${name} ran`);
      };
    }
    const a = yield* spawn("runner-a", runner("runner-a"));
    const b = yield* spawn("runner-b", runner("runner-b"));
    yield py(500_000);     // get things ready first
    yield go.set();
    yield* join(a);
    yield* join(b);
  },
});
