// The I/O convoy of the new GIL (bpo-7946). A thread does 50 small reads,
// each followed by a little Python: first alone, then beside a thread that
// only computes. Every read releases the GIL; under the new GIL, getting it
// back from a busy thread takes up to a whole switch interval (5 ms).
import { defineScenario, py, io, spawn, join, log } from "gilsim";

function* fiftyReads() {
  for (let i = 0; i < 50; i++) {
    yield io(0.1);        // a 100 µs read: releases the GIL
    yield py(2_000);      // handle the data: needs the GIL back
  }
}

export default defineScenario({
  title: "An I/O thread alone, then beside a CPU-bound thread",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const alone = yield* spawn("io (alone)", fiftyReads);
    yield* join(alone);
    log("50 reads alone: done");

    let busy = true;
    const hog = yield* spawn("cpu hog", function* () {
      while (busy) yield py(100_000); // pure Python, never blocks
    });
    const beside = yield* spawn("io (beside hog)", fiftyReads);
    yield* join(beside);
    log("50 reads beside a CPU-bound thread: done");
    busy = false;
    yield* join(hog);
  },
});
