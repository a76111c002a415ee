// A small pipeline to take apart: a reader thread feeds a queue, two
// workers do Python and C work, an event says when everything is in.
import { defineScenario, py, io, native, spawn, join, log, Queue, Event } from "gilsim";

export default defineScenario({
  title: "Reader, queue, two workers",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const chunks = new Queue<number | null>("chunks");
    const allRead = new Event("all read");

    const reader = yield* spawn("reader", function* () {
      for (let chunk = 1; chunk <= 6; chunk++) {
        yield io(2);              // read a chunk from disk
        yield chunks.put(chunk);
      }
      yield allRead.set();
    });

    function worker(name: string) {
      return function* () {
        while (true) {
          const chunk: number | null = yield chunks.get();
          if (chunk === null) return;
          yield py(200_000);                        // decode in Python
          yield native(1, { releasesGil: true });   // compress in C
          log(`${name} finished chunk ${chunk}`);
        }
      };
    }
    const w1 = yield* spawn("worker-1", worker("worker-1"));
    const w2 = yield* spawn("worker-2", worker("worker-2"));

    yield allRead.wait();
    yield chunks.put(null);
    yield chunks.put(null);
    for (const thread of [reader, w1, w2]) yield* join(thread);
  },
});
