// join(handle): wait for a thread, process or subinterpreter, and get the
// value its body returned.
import { defineScenario, py, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "join(): wait and collect the result",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const worker = yield* spawn("worker", function* () {
      yield py(1_000_000);
      return 42;
    });
    const answer = yield* join(worker); // blocks with the GIL released
    log(`worker returned ${answer}`);
  },
});
