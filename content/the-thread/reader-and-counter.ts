// Michael Chermside's answer in one picture: while one thread waits for a
// file read, the GIL is released and another thread runs Python.
import { defineScenario, py, io, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "A reader and a counter, Python 2.2, one CPU",
  runtime: "cpython-2.2",
  cpus: 1,
  *main() {
    const reader = yield* spawn("reader", function* () {
      for (let block = 1; block <= 4; block++) {
        yield io(2);          // a 2 ms disk read: blocked, GIL released
        yield py(100_000);    // parse what was read
        log(`block ${block} parsed`);
      }
    });
    const counter = yield* spawn("counter", function* () {
      yield py(4_000_000);    // pure Python, about 7 ms
    });
    yield* join(reader);
    yield* join(counter);
  },
});
