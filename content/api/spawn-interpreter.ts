// spawnInterpreter(name, body): a subinterpreter in a new thread. From 3.12
// it has its own GIL, so it runs in parallel with the main interpreter.
import { defineScenario, py, spawnInterpreter, join } from "gilsim";

export default defineScenario({
  title: "spawnInterpreter(): a subinterpreter",
  runtime: "cpython-3.14",
  cpus: 2,
  *main() {
    const sub = yield* spawnInterpreter("sub", function* () { yield py(2_000_000); });
    yield py(2_000_000);
    yield* join(sub);
  },
});
