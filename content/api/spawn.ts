// spawn(name, body): threading.Thread(target=body, name=name).start().
import { defineScenario, py, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "spawn(): start a thread",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const worker = yield* spawn("worker", function* () {
      yield py(500_000);
      log("worker finished");
    });
    log(`started ${worker.name}`);
    yield* join(worker);
  },
});
