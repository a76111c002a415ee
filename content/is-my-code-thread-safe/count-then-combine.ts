// The cheapest fix: do not share the counter. Each thread counts in its own
// variable and hands its total over once, with an operation the built-in types
// make atomic, such as results.append(total) (then the main thread adds them up).
import { defineScenario, increment, join, Shared, spawn } from "gilsim";

const TIMES = 1_000_000; // per thread

export default defineScenario({
  title: "Count alone, combine once",
  runtime: "cpython-3.14t",
  cpus: 2,
  *main() {
    const a = yield* spawn("adder-a", function* () {
      yield increment(new Shared("count_a", 0), { times: TIMES });
    });
    const b = yield* spawn("adder-b", function* () {
      yield increment(new Shared("count_b", 0), { times: TIMES });
    });
    yield* join(a);
    yield* join(b);
  },
});
