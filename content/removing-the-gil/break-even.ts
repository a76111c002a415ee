// Where does free-threading start to win? A fixed amount of CPU-bound work
// split across threads (the knob). Without a GIL the threads run at once, but
// every bytecode costs more (about 40% in 3.13t, about 8% in 3.14t on
// x86-64 Linux). Change the threads, the runtime and the CPUs and watch the
// wall time.
import { defineScenario, knob, py, spawn, join } from "gilsim";

const TOTAL = 8_000_000; // bytecodes of work in all

export default defineScenario({
  title: "Fixed work split across threads",
  runtime: "cpython-3.14t",
  cpus: 4,
  knobs: {
    threads: knob.number({ label: "Threads", min: 1, max: 8, step: 1, default: 4, unit: { one: "thread", other: "threads" } }),
  },
  *main({ knobs }) {
    const workers = [];
    for (let i = 1; i <= knobs.threads; i++) {
      workers.push(yield* spawn(`worker-${i}`, function* () { yield py(TOTAL / knobs.threads); }));
    }
    for (const worker of workers) yield* join(worker);
  },
});
