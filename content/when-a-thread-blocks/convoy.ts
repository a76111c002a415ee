// The I/O convoy of the new GIL (bpo-7946). A thread does 50 small reads,
// each followed by a little Python: first alone, then beside a thread that
// only computes. Every read releases the GIL; under the new GIL, getting it
// back from a busy thread takes up to a whole switch interval (5 ms).
// The knobs: the switch interval, and how long each read takes.
import { defineScenario, knob, py, io, spawn, join, log } from "gilsim";

function* fiftyReads(readMs: number) {
  for (let i = 0; i < 50; i++) {
    yield io(readMs);     // a short read (100 µs by default): releases the GIL
    yield py(2_000);      // handle the data: needs the GIL back
  }
}

export default defineScenario({
  title: "An I/O thread alone, then beside a CPU-bound thread",
  runtime: "cpython-3.12",
  cpus: 2,
  knobs: {
    interval: knob.number({ label: "Switch interval", min: 0.5, max: 10, step: 0.5, default: 5, unit: "ms", sets: "switchIntervalMs" }),
    readMs: knob.number({ label: "I/O length", min: 0.05, max: 5, step: 0.05, default: 0.1, unit: "ms" }),
  },
  *main({ knobs }) {
    const alone = yield* spawn("io (alone)", () => fiftyReads(knobs.readMs));
    yield* join(alone);
    log("50 reads alone: done");

    let busy = true;
    const hog = yield* spawn("cpu hog", function* () {
      while (busy) yield py(100_000); // pure Python, never blocks
    });
    const beside = yield* spawn("io (beside hog)", () => fiftyReads(knobs.readMs));
    yield* join(beside);
    log("50 reads beside a CPU-bound thread: done");
    busy = false;
    yield* join(hog);
  },
});
