/** `gilsim runtimes`, inside the scenario process: one line per runtime preset. */
import { runtimes } from 'gilsim';

export default function listRuntimes(): string {
  return Object.entries(runtimes).map(([name, preset]) => `${name.padEnd(16)} ${preset.label}`).join('\n');
}
