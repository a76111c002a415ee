// Another fix: let one thread own the counter and send it the work through a
// queue.Queue, whose put and get are thread-safe. The adders compute batches and
// put how many to add; the owner is the only thread that touches the counter.
import { defineScenario, increment, join, py, Queue, Shared, spawn } from "gilsim";

const BATCHES = 100; // per adder
const BATCH = 10_000; // increments per batch

export default defineScenario({
  title: "One owner, fed by a queue",
  runtime: "cpython-3.14t",
  cpus: 2,
  *main() {
    const counter = new Shared("counter", 0);
    const work = new Queue<number>("work");
    function* adder() {
      for (let i = 0; i < BATCHES; i++) {
        yield py(20 * BATCH); // work out what to add
        yield work.put(BATCH);
      }
      yield work.put(0); // done
    }
    const owner = yield* spawn("owner", function* () {
      let finished = 0;
      while (finished < 2) {
        const amount = yield* work.get();
        if (amount === 0) finished++;
        else yield increment(counter, { times: amount });
      }
    });
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
    yield* join(owner);
  },
});
