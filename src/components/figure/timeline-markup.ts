/**
 * The run(s) as a picture: a lane per thread coloured by state, the GIL owner per
 * interpreter and each CPU coloured by thread, over a time axis in ms. The build-time
 * figure (TimelineSvg.astro) and a knob's redraw (live-figure.ts) both use this.
 *
 * The plot is an inline SVG that stretches sideways to whatever width the page gives
 * it (preserveAspectRatio="none", one CSS pixel per unit vertically), so it fits a
 * 390 px phone as well as a desktop column without scrolling. Its words (lane names,
 * panel titles, tick labels) are HTML beside and under it, so they keep their CSS size
 * at every width instead of shrinking with the drawing. The geometry comes from
 * src/timeline (pure, tested); colours are CSS custom properties, so one picture
 * serves both themes. Each lane is one <path> per colour, which keeps even long runs
 * to a few kilobytes.
 */
import { colourVariable, layoutTimeline, type LabelledRun, type PlacedLane } from '../../timeline';
import { escapeHtml } from './html';

/** Plot resolution in SVG units across (the picture is stretched to the width it gets). */
const plotUnits = 640;

/** One path per colour key: "M x y h w v height h -w z" for every column run of that key. */
function pathsByKey(lane: PlacedLane): [string, string][] {
  const paths = new Map<string, string>();
  for (const run of lane.runs) {
    const width = run.x1 - run.x0;
    const d = `M${run.x0} ${lane.y}h${width}v${lane.height}h${-width}z`;
    paths.set(run.key, (paths.get(run.key) ?? '') + d);
  }
  return [...paths];
}

/** The timeline box (and the "more threads" note): `labelledBy` is the id of its text alternative. */
export function timelineMarkup(runs: readonly LabelledRun[], labelledBy: string): string {
  const layout = layoutTimeline([...runs], { width: plotUnits, labelWidth: 0, rightPadding: 0, laneHeight: 16 });
  const percent = (x: number) => `${((x / layout.plotWidth) * 100).toFixed(3)}%`;
  const hidden = layout.panels.reduce((sum, panel) => sum + panel.hiddenThreads, 0);
  const lanes = layout.panels.flatMap((panel) => panel.lanes.map((lane) =>
    `<g class="lane lane-${lane.kind}"><rect class="track" x="0" y="${lane.y}" width="${layout.plotWidth}" height="${lane.height}"></rect>`
    + pathsByKey(lane).map(([key, d]) => `<path d="${d}" fill="var(${colourVariable(key)})"></path>`).join('')
    + (lane.marks ? `<path class="lost-update" d="${lane.marks.map((x) => `M${x} ${lane.y - 2}v${lane.height + 4}`).join('')}" vector-effect="non-scaling-stroke"></path>` : '')
    + '</g>')).join('');
  const axis = `<g class="axis"><path class="axis-line" d="M0 ${layout.axisY}h${layout.plotWidth}" vector-effect="non-scaling-stroke"></path>`
    + layout.ticks.map((tick) => `<path class="axis-line" d="M${tick.x} ${layout.axisY}v4" vector-effect="non-scaling-stroke"></path>`).join('')
    + '</g>';
  const words = layout.panels.map((panel) =>
    (panel.label && panel.labelTop !== undefined ? `<span class="panel-label" style="top: ${panel.labelTop}px" title="${escapeHtml(panel.label)}">${escapeHtml(panel.label)}</span>` : '')
    + panel.lanes.map((lane) =>
      `<span class="lane-label lane-label-${lane.kind}" style="top: ${lane.y}px; height: ${lane.height}px; line-height: ${lane.height}px"${lane.fullLabel ? ` title="${escapeHtml(lane.fullLabel)}"` : ''}>`
      + (lane.threadKey ? `<span class="swatch" style="background: var(${colourVariable(lane.threadKey)})"></span>` : '')
      + `<span class="name">${escapeHtml(lane.label)}</span></span>`).join('')).join('');
  const ticks = `<span class="ticks" style="top: ${layout.axisY + 6}px">`
    + layout.ticks.map((tick) => `<span class="tick" style="left: ${percent(tick.x)}">${escapeHtml(tick.label)}</span>`).join('')
    + '</span>';
  return `<div class="gil-timeline-box"><div class="gil-timeline-area" style="height: ${layout.height}px">`
    + `<svg class="gil-timeline-svg" viewBox="0 0 ${layout.plotWidth} ${layout.height}" preserveAspectRatio="none" height="${layout.height}" role="img" aria-labelledby="${escapeHtml(labelledBy)}">${lanes}${axis}</svg>`
    // The words of the picture, for sighted readers; its text alternative is the run summary.
    + `<div class="gil-timeline-words" aria-hidden="true">${words}${ticks}</div>`
    + '</div></div>'
    + (hidden > 0 ? `<p class="gil-hidden-threads">${hidden} more thread${hidden === 1 ? '' : 's'} not drawn (see the table).</p>` : '');
}
