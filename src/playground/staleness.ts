/**
 * Is the result on show still the result of what is in the editor and the controls?
 * After an edit, a loaded example or an opened share link it is not, and the page
 * says so until the next run. Pure: the page passes what the result was made from.
 */
import { sameControls, type RunControls } from './controls';

/** What a result was made from. */
export interface RunInputs {
  code: string;
  controls: RunControls;
  /** The compare set in effect ('' when not comparing), as ControlsView.compareSet gives it. */
  compare: string;
}

/**
 * The "out of date" notice for a result made from `shown` when the page now holds
 * `current`, or undefined when the result is current. `published`: the result is the
 * one the page was built with (no run yet), not one the reader ran.
 */
export function staleNotice(shown: RunInputs, current: RunInputs, published: boolean): string | undefined {
  const code = shown.code !== current.code;
  const settings = !sameControls(shown.controls, current.controls) || shown.compare !== current.compare;
  if (!code && !settings) return undefined;
  const what = code && settings ? 'the code and settings' : code ? 'the code' : 'the settings';
  return published
    ? `Out of date: this is the published result, and ${what} on show differ. Run to update.`
    : `Out of date: ${what} changed since this ran. Run to update.`;
}
