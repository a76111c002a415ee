// The benchmark's wide run: a server-like pool of 10,000 threads, each serving 20
// requests of 20,000 bytecodes and 1 ms of I/O, on 8 CPUs under the new GIL
// (thousands of GIL waiters and runnable threads at once: the engine at scale).
import { defineScenario, io, join, py, spawn, type TaskHandle } from "gilsim";

const THREADS = 10_000;
const ROUNDS = 20;

export default defineScenario({
  title: "Thread pool: 10,000 threads x 20 rounds of py(20000) + io(1), 8 CPUs",
  runtime: "cpython-3.12",
  cpus: 8,
  *main() {
    const workers: TaskHandle[] = [];
    for (let index = 0; index < THREADS; index++) {
      workers.push(yield* spawn(`worker-${index}`, function* () {
        for (let round = 0; round < ROUNDS; round++) {
          yield py(20_000);
          yield io(1);
        }
      }));
    }
    for (const worker of workers) yield* join(worker);
  },
});
