// defineScenario: the machine, the runtime, and the main thread.
import { defineScenario, py } from "gilsim";

export default defineScenario({
  title: "The smallest scenario",
  runtime: "cpython-3.12", // any name from the runtimes table
  cpus: 2,                 // 1..64 virtual CPUs
  seed: 1,                 // same seed, same trace
  switchIntervalMs: 5,     // any simulator parameter can be overridden here
  *main() {
    yield py(1_000_000);   // the main thread runs a million bytecodes
  },
});
