import { runScenario, SimulationLimitError } from '../../src/sim/run';
import { defineScenario, py, sleep } from '../../src/sim/api';

/** The error a real run gives at a limit (a busy loop or endless sleeps), as the runner worker reports it. */
export function limitError(options: { maxEvents?: number; maxSimMs?: number }, body: 'loop' | 'sleep') {
  const scenario = defineScenario({ title: 'forever', *main() { for (;;) yield body === 'loop' ? py(1) : sleep(1000); } });
  try {
    runScenario(scenario, options);
  } catch (error) {
    if (error instanceof SimulationLimitError) return { message: `${error.name}: ${error.message}`, limit: true };
    throw error;
  }
  throw new Error('no limit was hit');
}
