/** `gilsim export`, inside the scenario process: the scenario file as a Python program. */
import scenario from 'gilsim:scenario';
import { exportPython } from '../../python-export/python';

export interface ExportArgs {
  /** Every amount of work multiplied by this. */
  scale: number;
}

export default function exportScenario({ scale }: ExportArgs): string {
  return exportPython(scenario, { scale });
}
