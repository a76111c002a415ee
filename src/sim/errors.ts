/** Errors a run can end with, each saying what went wrong in the reader's terms. */

/** The scenario did something impossible (bad yield, deadlock, a thread raised). */
export class SimulationError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'SimulationError';
  }
}

/** The run hit its budget (events, operations or simulated time): probably a runaway scenario. */
export class SimulationLimitError extends SimulationError {
  constructor(message: string) {
    super(message);
    this.name = 'SimulationLimitError';
  }
}
