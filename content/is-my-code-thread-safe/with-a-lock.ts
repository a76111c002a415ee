// The fix that always works: hold a lock around the read-modify-write,
//   for _ in range(TIMES):
//       with lock:
//           counter += 1
// No other thread can run the update between the read and the write, on any
// runtime, with or without a GIL. It costs a lock acquire and release per turn.
import { defineScenario, increment, join, Lock, Shared, spawn } from "gilsim";

const TIMES = 1_000_000; // per thread

export default defineScenario({
  title: "with lock: counter += 1",
  runtime: "cpython-3.9",
  cpus: 2,
  *main() {
    const counter = new Shared("counter", 0);
    const lock = new Lock("lock");
    function* adder() {
      yield increment(counter, { times: TIMES, lock });
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
  },
});
