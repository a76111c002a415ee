// "You could certainly CREATE a problem ... write C code which ran for a long
// time WITHOUT releasing the GIL." A heartbeat thread wants to run every 2 ms.
// The main thread calls two C functions of 20 ms each: the first releases the
// GIL (like hashlib on a big buffer), the second does not (like a slow regex).
import { defineScenario, py, sleep, native, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "C code that holds the GIL stalls every thread",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    let done = false;
    const heartbeat = yield* spawn("heartbeat", function* () {
      while (!done) {
        yield sleep(2);       // wake every 2 ms...
        yield py(2_000);      // ...and run a little Python: needs the GIL
        log("beat");
      }
    });
    yield native(20, { releasesGil: true });   // heartbeat keeps beating
    log("C call that released the GIL returned");
    yield py(10_000);                          // use the result
    yield native(20, { releasesGil: false });  // heartbeat cannot run Python
    log("C call that held the GIL returned");
    yield py(10_000);                          // use the result
    done = true;
    yield* join(heartbeat);
  },
});
