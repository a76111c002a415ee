// Beazley measured on Macs, where the old GIL was a mutex plus a condition
// variable: every release while another thread waits pays a signal, even on
// one CPU. platform: "macos" switches the lock model; try "linux" too.
import { defineScenario, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Old GIL on a Mac, one CPU",
  runtime: "cpython-2.7",
  platform: "macos",
  cpus: 1,
  *main() {
    const a = yield spawn("A", function* () { yield py(10_000_000); });
    const b = yield spawn("B", function* () { yield py(10_000_000); });
    yield join(a);
    yield join(b);
  },
});
