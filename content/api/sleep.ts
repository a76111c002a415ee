// sleep(ms): time.sleep. Three threads sleep 10 ms at the same time.
import { defineScenario, sleep, spawn, join } from "gilsim";

export default defineScenario({
  title: "sleep(): blocked, GIL released",
  runtime: "cpython-3.12",
  cpus: 1,
  *main() {
    const sleepers = [];
    for (const name of ["s1", "s2", "s3"]) {
      sleepers.push(yield* spawn(name, function* () { yield sleep(10); }));
    }
    for (const s of sleepers) yield* join(s);
  },
});
