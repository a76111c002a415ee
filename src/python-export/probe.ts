/**
 * The probe: a program that does almost nothing but the exporter's start-up measurements,
 * so running it reads this interpreter's cost per bytecode (`measured.calibration.bytecodeNs`)
 * and version. `npm run calibrate` and `gilsim twin` both measure with it before simulating.
 */
import { defineScenario, py, type RuntimeName, type Scenario } from 'gilsim';
import { emitPython } from './python';
import { recordScenario } from './record';

export const probe: Scenario = defineScenario({ *main() { yield py(1000); } });

/** The probe as a Python program, with `runtime`'s GIL settings. */
export function probeProgram(runtime: RuntimeName = 'cpython-3.12'): string {
  return emitPython(recordScenario(probe, { runtime }).recorded);
}
