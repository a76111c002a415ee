/**
 * Version of the simulator's model. It changes whenever a change to the engine, a GIL
 * model or a default alters the result of an existing scenario, so a shared link or
 * a stored result can say which model produced it.
 */
// 1.1.0 (December 2026): wake-ups, lock release and Queue/Event costs measured on the
// calibration VM; thread starts measured (a process's first costs more); the OS scheduler
// follows Linux's EEVDF (CFS for the MacBook profiles).
// 1.2.0 (December 2026): the old GIL's sem_post pays glibc's futex_wake while a thread is
// inside sem_wait; Queue and Event methods run under their own lock; up to 3.1 every
// Lock.acquire releases the GIL.
export const simulatorVersion = '1.2.0';
