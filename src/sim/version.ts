/**
 * Version of the simulator's model. It changes whenever a change to the engine, a GIL
 * model or a default alters the result of an existing scenario, so a shared link or
 * a stored result can say which model produced it.
 */
export const simulatorVersion = '1.0.0';
