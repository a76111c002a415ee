/**
 * A short fingerprint of a recorded scenario (what each task does, the machine and GIL
 * settings, the export scale), written into the exported program so a trace it records
 * can be matched to the scenario it came from: the playground refuses another scenario's
 * trace. FNV-1a over the recording's JSON, two 32-bit lanes (not cryptographic: it
 * guards against a mix-up, not against a forger).
 */
import type { RecordedScenario } from './program';

/** The fingerprint of `recorded` exported at `scale`, as 16 hex digits. */
export function scenarioId(recorded: RecordedScenario, scale = 1): string {
  const text = JSON.stringify({ recorded, scale });
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ text.length;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    a = Math.imul(a ^ code, 0x01000193) >>> 0;
    b = Math.imul(b ^ code ^ (a >>> 13), 0x5bd1e995) >>> 0;
  }
  return a.toString(16).padStart(8, '0') + b.toString(16).padStart(8, '0');
}
