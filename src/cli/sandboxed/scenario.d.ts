/**
 * What an entry here imports as "gilsim:scenario": the default export of the scenario file
 * named on the command line (bundle.ts resolves it). Typed as what the file should export;
 * the simulator checks that it is one and says so when it is not.
 */
declare module 'gilsim:scenario' {
  import type { Scenario } from 'gilsim';

  const scenario: Scenario;
  export default scenario;
}
