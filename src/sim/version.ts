/**
 * Version of the simulator's model. It changes whenever a change to the engine, a GIL
 * model or a default alters the result of an existing scenario, so a shared link or
 * a stored result can say which model produced it.
 */
// 1.1.0 (December 2026): wake-ups, lock release and Queue/Event costs measured on the
// calibration VM; thread starts measured (a process's first costs more); the OS scheduler
// follows Linux's EEVDF (CFS for the MacBook profiles).
export const simulatorVersion = '1.1.0';
