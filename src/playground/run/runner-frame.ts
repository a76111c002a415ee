/**
 * What the page puts in the runner's sandboxed iframe, as text: its document (with
 * its own Content-Security-Policy), the boot script, and the runner bundle sealed
 * in a strict function. Pure, so the boot script's checks are unit-tested.
 *
 * The iframe (`sandbox="allow-scripts"`, opaque origin) takes exactly one boot
 * message, from the page that made it, and starts one classic worker from the
 * source it is sent; module workers from blob URLs are refused in opaque origins.
 * It hands the worker the request port and keeps a second port for itself, on which
 * it answers the page's pings (a crashed runner process stops answering) and reports
 * a worker that failed to start.
 */

/**
 * The runner's policy, on top of the site's (a srcdoc frame inherits its parent's
 * policy, and workers from blob URLs inherit the frame's): no network at all, no
 * remote scripts, scripts only from the nonce'd boot script and blob URLs (the
 * worker and the scenario it loads with importScripts). No 'unsafe-eval' either.
 */
export function runnerPolicy(nonce: string): string {
  return [
    "default-src 'none'",
    `script-src 'nonce-${nonce}' blob:`,
    'worker-src blob:',
    "connect-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

/**
 * The boot script, run with the frame's globals. `parentOrigin` is the page's origin:
 * a boot message from any other window or origin is ignored, and after one boot
 * the frame listens to no window again.
 */
export function bootScript(parentOrigin: string): string {
  return `(() => {
  const parentOrigin = ${JSON.stringify(parentOrigin).replace(/</g, '\\u003c')};
  const boot = (event) => {
    if (event.source !== parent || event.origin !== parentOrigin) return;
    const data = event.data;
    if (!data || data.type !== 'boot' || typeof data.source !== 'string' || event.ports.length !== 2) return;
    removeEventListener('message', boot);
    const [runnerPort, framePort] = event.ports;
    const report = (message) => framePort.postMessage({ type: 'worker-error', message: String(message).slice(0, 500) });
    framePort.onmessage = () => framePort.postMessage({ type: 'pong' });
    try {
      const worker = new Worker(URL.createObjectURL(new Blob([data.source], { type: 'text/javascript' })), { name: 'gil-lab-runner' });
      worker.onerror = (error) => report(error.message || 'the runner worker failed');
      worker.postMessage({ type: 'connect' }, [runnerPort]);
    } catch (error) {
      report(error);
    }
  };
  addEventListener('message', boot);
})();`;
}

/** The iframe's whole document. `nonce` must be fresh per frame (see `newNonce`). */
export function frameDocument(parentOrigin: string, nonce: string): string {
  return `<!doctype html><meta charset="utf-8"><meta http-equiv="Content-Security-Policy" content="${runnerPolicy(nonce)}"><script nonce="${nonce}">${bootScript(parentOrigin)}</script>`;
}

/** A random nonce for one frame's boot script. */
export function newNonce(): string {
  return btoa(String.fromCharCode(...crypto.getRandomValues(new Uint8Array(16))));
}

/**
 * Vite builds the runner as an ES module, but the worker runs it as a classic script
 * (see above), where every top-level binding of the bundle — the port, the reply
 * function, the engine's internals — would be a global that the scenario (loaded with
 * importScripts into the same global scope) could read or replace. Sealed in a
 * function none of them is reachable; strict mode (the module's own mode) also keeps
 * `fn.caller` from handing a scenario function the runner's functions.
 */
export function sealWorkerSource(bundle: string): string {
  return `"use strict";\n(() => {\n${bundle}\n})();\n`;
}
