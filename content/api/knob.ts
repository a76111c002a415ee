// knob: parameters a reader can turn. main reads their values as `knobs`;
// a knob with `sets` also sets that run parameter (here the CPUs).
import { defineScenario, knob, py, spawn, join } from "gilsim";

export default defineScenario({
  title: "Knobs: threads and CPUs",
  runtime: "cpython-3.12",
  knobs: {
    threads: knob.number({ label: "Threads", min: 1, max: 6, step: 1, default: 3, unit: { one: "thread", other: "threads" } }),
    work: knob.number({ label: "Work per thread", min: 200_000, max: 2_000_000, step: 200_000, default: 1_000_000, unit: "bytecodes" }),
    cpus: knob.number({ label: "CPUs", min: 1, max: 4, step: 1, default: 2, unit: { one: "CPU", other: "CPUs" }, sets: "cpus" }),
  },
  *main({ knobs }) {
    const workers = [];
    for (let i = 1; i <= knobs.threads; i++) {
      workers.push(yield* spawn(`worker-${i}`, function* () { yield py(knobs.work); }));
    }
    for (const worker of workers) yield* join(worker);
  },
});
