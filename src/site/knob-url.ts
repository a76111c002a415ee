/**
 * Knob values in the page's URL, so a turned figure can be shared and back/forward
 * walk through the settings: one query parameter per knob that is not at its default,
 * named `<figure>.<knob>` (`?gil-battle.cpus=4&gil-battle.runtime=cpython-3.12`).
 * Other parameters, and other figures' knobs, are left as they are. What is read is
 * raw text: the knob runtime clamps it with `readKnobValues` before anything runs.
 */

/** A figure's name in the URL: its scenario file's name ("two-cpus/gil-battle" → "gil-battle"). */
export function figureKey(scenarioId: string): string {
  return scenarioId.slice(scenarioId.lastIndexOf('/') + 1);
}

/** The raw values the query string `search` gives figure `key`'s knobs, by knob name. */
export function readFigureParams(search: string, key: string): Record<string, string> {
  // No prototype: a link's "f.__proto__=1" becomes a name the reader is told is no knob, not a silent no-op.
  const values: Record<string, string> = Object.create(null);
  const prefix = `${key}.`;
  for (const [name, value] of new URLSearchParams(search)) {
    if (name.startsWith(prefix) && name.length > prefix.length) values[name.slice(prefix.length)] = value;
  }
  return values;
}

/**
 * `search` with figure `key`'s knob parameters replaced by `values`, leaving out the
 * ones at their default; '' when nothing is left, else "?…".
 */
export function writeFigureParams(
  search: string, key: string,
  values: Readonly<Record<string, number | string>>, defaults: Readonly<Record<string, number | string>>,
): string {
  const params = new URLSearchParams(search);
  const prefix = `${key}.`;
  for (const name of [...params.keys()]) if (name.startsWith(prefix)) params.delete(name);
  for (const [name, value] of Object.entries(values)) {
    if (value !== defaults[name]) params.set(`${prefix}${name}`, String(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}
