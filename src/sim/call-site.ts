/**
 * Call-site recording: which line of the scenario yielded an operation.
 *
 * The playground links timeline intervals to source lines. Reading a stack trace
 * for every operation is slow, so it is off unless a runner installs a resolver
 * (for example one that maps the compiled module's stack frames back to the
 * TypeScript the reader wrote).
 */

/** Returns the scenario line for the current call, or undefined. */
export type LineResolver = () => number | undefined;

let resolver: LineResolver | undefined;

/** Install (or with `undefined`, remove) the resolver used while ops are built. */
export function setLineResolver(next: LineResolver | undefined): void {
  resolver = next;
}

/** Attach the current scenario line to an operation, if a resolver is installed. */
export function recordLine<T extends { line?: number }>(op: T): T {
  if (resolver) {
    const line = resolver();
    if (line !== undefined) op.line = line;
  }
  return op;
}
