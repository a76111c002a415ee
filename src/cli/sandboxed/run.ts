/**
 * `gilsim run`, inside the scenario process: run the scenario file on the simulator and
 * return the metrics table and text timeline, or the metrics as JSON (with the run's
 * shared variables under `shared`, as the exported Python program prints them).
 */
import scenario from 'gilsim:scenario';
import { runScenario, type RunOptions } from 'gilsim';
import { formatReport } from '../format';

export interface RunArgs {
  /** The command line's overrides of the file's settings (the simulator checks each). */
  options: RunOptions;
  json: boolean;
}

export default function run({ options, json }: RunArgs): string {
  const result = runScenario(scenario, options);
  return json ? JSON.stringify({ ...result.metrics, shared: result.shared }, null, 2) : formatReport(result, scenario.title);
}
