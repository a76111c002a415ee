/** Global names the compiled scenario and the runner worker agree on (see compiler.ts). */

/** Where the compiled scenario (an IIFE) leaves its exports. */
export const scenarioGlobal = '__gilScenario';
/** Where the runner worker puts the simulator for the scenario's `import … from "gilsim"`. */
export const gilsimGlobal = '__gilsim';
