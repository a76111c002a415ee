// Queue: queue.Queue. A producer and a consumer; get() blocks while the
// queue is empty and returns the oldest item.
import { defineScenario, py, io, spawn, join, log, Queue } from "gilsim";

export default defineScenario({
  title: "Queue: producer and consumer",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const jobs = new Queue<number | null>("jobs");
    const consumer = yield* spawn("consumer", function* () {
      while (true) {
        const job: number | null = yield jobs.get();
        if (job === null) break;
        yield py(100_000);
        log(`handled job ${job}`);
      }
    });
    for (let job = 1; job <= 4; job++) {
      yield io(1);          // a job arrives
      yield jobs.put(job);
    }
    yield jobs.put(null);   // no more jobs
    yield* join(consumer);
  },
});
