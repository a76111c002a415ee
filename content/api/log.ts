// log(...): print to the run's console, stamped with the simulated time.
import { defineScenario, py, sleep, log } from "gilsim";

export default defineScenario({
  title: "log(): console output",
  runtime: "cpython-3.12",
  cpus: 1,
  *main() {
    log("start");
    yield sleep(2);
    log("after a 2 ms sleep");
    yield py(1_000_000);
    log("after a million bytecodes", { bytecodes: 1_000_000 });
  },
});
