// Python threads are OS threads: each one below is a real thread the OS
// schedules. Sleeping threads hold nothing, so they all sleep at once
// and the whole run takes about one sleep, not four.
import { defineScenario, py, sleep, spawn, join, log } from "gilsim";

export default defineScenario({
  title: "Four threads sleeping at once",
  runtime: "cpython-3.12",
  cpus: 2,
  *main() {
    const workers = [];
    for (const name of ["w1", "w2", "w3", "w4"]) {
      workers.push(yield* spawn(name, function* () {
        yield sleep(10);       // time.sleep(0.01): blocked, GIL released
        yield py(200_000);     // a little Python afterwards needs the GIL
        log(`${name} done`);
      }));
    }
    for (const worker of workers) yield* join(worker);
  },
});
