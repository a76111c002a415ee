// native(ms, { releasesGil }): C code. Two threads each run 5 ms of C
// that releases the GIL (in parallel), then 5 ms that holds it (in turn).
import { defineScenario, native, spawn, join } from "gilsim";

function* work() {
  yield native(5, { releasesGil: true });  // like hashlib on a big buffer
  yield native(5, { releasesGil: false }); // like a long regex match
}

export default defineScenario({
  title: "native(): C code with and without the GIL",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const a = yield* spawn("A", work);
    const b = yield* spawn("B", work);
    yield* join(a);
    yield* join(b);
  },
});
