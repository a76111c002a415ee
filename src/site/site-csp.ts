/**
 * The site's Content-Security-Policy, set as a <meta> at the top of every page's head
 * (a static site has no headers of its own). It allows only what the site itself
 * loads, and no other origin at all:
 *
 * - scripts from the site, plus inline ones: the theme script must run before the
 *   first paint, and Astro inlines its small processed scripts (their bytes change
 *   with every build, so they cannot be listed by hash here); 'wasm-unsafe-eval' for
 *   esbuild.wasm and Pagefind's wasm; blob: for the playground runner, whose scenario
 *   is loaded with importScripts from a blob URL;
 * - workers from the site (Monaco's, the compiler's) and from blob URLs (the runner);
 * - fetches to the site only (Pagefind's index, esbuild.wasm, the runner bundle).
 *
 * The runner's sandboxed iframe inherits this policy and adds its own, stricter one
 * with no network at all (src/playground/run/runner-frame.ts).
 */
export const siteCsp = [
  "default-src 'self'",
  "script-src 'self' 'unsafe-inline' 'wasm-unsafe-eval' blob:",
  "worker-src 'self' blob:",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self'",
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'self'",
].join('; ');
