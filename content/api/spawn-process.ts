// spawnProcess(name, body, options): multiprocessing.Process. Its own
// interpreter and GIL; the start method sets the start-up cost, and the
// bytes passed each way are pickled.
import { defineScenario, py, spawnProcess, join } from "gilsim";

export default defineScenario({
  title: "spawnProcess(): a child process",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const child = yield* spawnProcess("child", function* () { yield py(2_000_000); }, {
      startMethod: "fork",   // or "forkserver" / "spawn": slower to start
      argBytes: 10_000,      // pickled to the child
      resultBytes: 100_000,  // pickled back, paid at join
    });
    yield py(2_000_000);     // the parent works at the same time
    yield* join(child);
  },
});
