// Lock: threading.Lock. Two threads append lines to a shared file under a
// lock. Waiting for the lock blocks the thread with the GIL released.
import { defineScenario, py, io, spawn, join, log, Lock } from "gilsim";

export default defineScenario({
  title: "Lock: a critical section",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const fileLock = new Lock("file");
    let lines = 0;
    function* writer() {
      for (let i = 0; i < 3; i++) {
        yield py(100_000);        // prepare a line: no lock needed
        yield fileLock.acquire(); // blocks while the other thread writes
        yield io(0.5);            // write it: I/O while holding the lock
        lines += 1;
        yield fileLock.release();
      }
    }
    const a = yield* spawn("writer-a", writer);
    const b = yield* spawn("writer-b", writer);
    yield* join(a);
    yield* join(b);
    log(`lines written: ${lines}`);
  },
});
