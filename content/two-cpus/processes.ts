// "Two separate python interpreter processes are needed to take advantage of
// the two CPUs": multiprocessing. Each process has its own interpreter and
// its own GIL; the price is a start-up cost and pickling what you send.
import { defineScenario, py, spawnProcess, join } from "gilsim";

const JOB = 5_000_000;

export default defineScenario({
  title: "Two processes, one job each",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const a = yield* spawnProcess("job-1", function* () { yield py(JOB); }, { startMethod: "fork", resultBytes: 1_000 });
    const b = yield* spawnProcess("job-2", function* () { yield py(JOB); }, { startMethod: "fork", resultBytes: 1_000 });
    yield* join(a);
    yield* join(b);
  },
});
