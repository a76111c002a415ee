// "If it's blocked for I/O, then the GIL is released and the other threads
// will run." Four threads each fetch three pages (8 ms of waiting each) and
// parse them. The waits overlap, so the run takes about 3 waits, not 12.
import { defineScenario, py, io, spawn, join, log } from "gilsim";

function fetcher(name: string) {
  return function* () {
    for (let page = 1; page <= 3; page++) {
      yield io(8);          // waiting for the network: GIL released
      yield py(100_000);    // parsing the page: needs the GIL
    }
    log(`${name} fetched 3 pages`);
  };
}

export default defineScenario({
  title: "Four threads waiting on I/O, Python 2.2, one CPU",
  runtime: "cpython-2.2",
  cpus: 1,
  *main() {
    const threads = [];
    for (const name of ["t1", "t2", "t3", "t4"]) threads.push(yield* spawn(name, fetcher(name)));
    for (const thread of threads) yield* join(thread);
  },
});
