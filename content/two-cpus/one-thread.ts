// The baseline for the GIL battle: one thread does both jobs, one after the
// other. Compare its wall time with two threads doing one job each.
import { defineScenario, py } from "gilsim";

const JOB = 5_000_000; // bytecodes: a countdown of about 550,000 turns

export default defineScenario({
  title: "One thread, both jobs in turn",
  runtime: "cpython-2.7",
  cpus: 2,
  *main() {
    yield py(JOB); // job 1
    yield py(JOB); // job 2
  },
});
