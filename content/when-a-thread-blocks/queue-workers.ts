// Locks and queues: how threads wait for each other without burning the GIL.
// A producer puts eight URLs on a queue; two workers take them, fetch (I/O),
// parse (Python), and add to a shared total under a lock.
import { defineScenario, py, io, spawn, join, log, Queue, Lock } from "gilsim";

export default defineScenario({
  title: "Two workers fed by a queue",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const urls = new Queue<string | null>("urls");
    const totalLock = new Lock("total");
    let total = 0;

    function worker(name: string) {
      return function* () {
        while (true) {
          const url: string | null = yield urls.get(); // blocks, GIL released
          if (url === null) break;                      // sentinel: no more work
          yield io(4);                                  // fetch
          yield py(50_000);                             // parse
          yield totalLock.acquire();
          total += 1;                                   // the shared update
          yield totalLock.release();
        }
        log(`${name} stops`);
      };
    }

    const w1 = yield* spawn("worker-1", worker("worker-1"));
    const w2 = yield* spawn("worker-2", worker("worker-2"));
    for (let i = 1; i <= 8; i++) yield urls.put(`https://example.org/${i}`);
    yield urls.put(null);
    yield urls.put(null);
    yield* join(w1);
    yield* join(w2);
    log(`pages parsed: ${total}`);
  },
});
