// io(ms): blocking I/O. The GIL is released while the thread waits, so
// the other thread computes meanwhile.
import { defineScenario, py, io, spawn, join } from "gilsim";

export default defineScenario({
  title: "io(): blocking I/O releases the GIL",
  runtime: "cpython-3.12",
  cpus: 1,
  *main() {
    const t = yield* spawn("computer", function* () { yield py(2_000_000); });
    yield io(3);        // a 3 ms read
    yield py(100_000);  // then handle the data
    yield* join(t);
  },
});
