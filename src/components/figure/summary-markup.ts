/** The timeline in one line per run: its text alternative (the SVG points here with aria-labelledby). */
import { summarizeRun, type LabelledRun } from '../../timeline';
import { escapeHtml } from './html';

/** The summary paragraph, with `id` for the picture's aria-labelledby. */
export function summaryMarkup(runs: readonly LabelledRun[], id: string): string {
  return `<p class="gil-summary" id="${escapeHtml(id)}">${runs.map((run) => `<span>${escapeHtml(summarizeRun(run.result, run.label))} </span>`).join('')}</p>`;
}
