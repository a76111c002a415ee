// Where does free-threading start to win? A fixed amount of CPU-bound work
// split across THREADS threads. Without a GIL the threads run at once, but
// every bytecode costs more (about 40% in 3.13t, about 8% in 3.14t on
// x86-64 Linux). Change THREADS, the runtime and the CPUs and watch the
// wall time.
import { defineScenario, py, spawn, join } from "gilsim";

const TOTAL = 8_000_000; // bytecodes of work in all
const THREADS = 4;

export default defineScenario({
  title: "Fixed work split across threads",
  runtime: "cpython-3.14t",
  cpus: 4,
  *main() {
    const workers = [];
    for (let i = 1; i <= THREADS; i++) {
      workers.push(yield* spawn(`worker-${i}`, function* () { yield py(TOTAL / THREADS); }));
    }
    for (const worker of workers) yield* join(worker);
  },
});
