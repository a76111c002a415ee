// increment: `counter = bump(counter)` in a loop, on CPython 3.12. The call puts
// a switch point between the read and the write; the lock takes the race away.
import { defineScenario, increment, join, Lock, Shared, spawn } from "gilsim";

export default defineScenario({
  title: "increment: inline or through a call",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const racy = new Shared("racy", 0);
    const guarded = new Shared("guarded", 0);
    const lock = new Lock("lock");
    function* adder() {
      yield increment(racy, { times: 300_000, via: "call" });
      yield increment(guarded, { times: 300_000, via: "call", lock });
    }
    const a = yield* spawn("adder-a", adder);
    const b = yield* spawn("adder-b", adder);
    yield* join(a);
    yield* join(b);
  },
});
