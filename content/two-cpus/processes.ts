// "Two separate python interpreter processes are needed to take advantage of
// the two CPUs": multiprocessing. Each process has its own interpreter and
// its own GIL; the price is a start-up cost and pickling what you send.
// The knobs: how much work each job is (50 million bytecodes, about 0.1 s on
// 3.12: big enough for the start-up to be paid back), and how the processes
// start; `how` lets the figure draw the same jobs in one thread, for comparison.
import { defineScenario, knob, py, spawnProcess, join } from "gilsim";

export default defineScenario({
  title: "Two processes, one job each",
  runtime: "cpython-3.12",
  cpus: 2,
  knobs: {
    work: knob.number({ label: "Work per job", min: 100_000, max: 200_000_000, step: 100_000, default: 50_000_000, unit: "bytecodes" }),
    startMethod: knob.choice({ label: "Start method", choices: { fork: "fork", forkserver: "forkserver", spawn: "spawn" }, default: "fork" }),
    how: knob.choice({ label: "Run the jobs", choices: { processes: "in two processes", sequential: "one after the other" }, default: "processes" }),
  },
  *main({ knobs }) {
    if (knobs.how === "sequential") {
      yield py(2 * knobs.work); // both jobs in the main thread, one after the other
      return;
    }
    const options = { startMethod: knobs.startMethod, resultBytes: 1_000 };
    const a = yield* spawnProcess("job-1", function* () { yield py(knobs.work); }, options);
    const b = yield* spawnProcess("job-2", function* () { yield py(knobs.work); }, options);
    yield* join(a);
    yield* join(b);
  },
});
