// Your scenario. Edit anything, press Run (Ctrl/Cmd+Enter), then try other
// runtimes and CPU counts with the controls, or Compare to see them side by side.
//
//   py(n)                       n Python bytecodes (needs the GIL)
//   io(ms), sleep(ms)           block with the GIL released
//   native(ms, {releasesGil})   C code, with or without the GIL
//   spawn / spawnProcess / spawnInterpreter, then join
import { defineScenario, py, io, native, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "A CPU-bound thread, an I/O-bound thread and some C",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const cruncher = yield* spawn("cruncher", function* () {
      yield py(3_000_000);                     // pure Python
      yield native(5, { releasesGil: true });  // C that lets others run
    });
    const server = yield* spawn("server", function* () {
      for (let request = 1; request <= 5; request++) {
        yield io(1);                           // wait for a request
        yield py(20_000);                      // answer it
        log(`request ${request} answered`);
      }
    });
    yield* join(cruncher);
    yield* join(server);
  },
});
