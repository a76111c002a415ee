// The price of removing the GIL, paid even by programs with one thread:
// reference counts and object locks that must be safe across threads make
// each bytecode a little slower.
import { defineScenario, py } from "gilsim";

export default defineScenario({
  title: "One thread, no GIL to fight over",
  runtime: "cpython-3.13t",
  cpus: 1,
  *main() {
    yield py(4_000_000);
  },
});
