// Lock: threading.Lock. Two threads update a shared total; waiting for the
// lock releases the GIL.
import { defineScenario, py, spawn, join, log, Lock } from "gilsim";

export default defineScenario({
  title: "Lock: a critical section",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const lock = new Lock("total");
    let total = 0;
    function* adder() {
      for (let i = 0; i < 3; i++) {
        yield lock.acquire();
        yield py(200_000);   // work done while holding the lock
        total += 1;
        yield lock.release();
      }
    }
    const a = yield spawn("adder-a", adder);
    const b = yield spawn("adder-b", adder);
    yield join(a);
    yield join(b);
    log(`total = ${total}`);
  },
});
