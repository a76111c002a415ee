/**
 * The timeline core, DOM-free: the lanes of a trace, what each pixel column shows,
 * ticks, time formatting, the SVG layout and the colours. The build-time SVG, the
 * playground's canvas and downloads, and the CLI's text timeline all draw from it.
 */
export { layoutTimeline, shortLabel } from './layout';
export type { TimelineLayout, TimelineOptions, Panel, PlacedLane, LabelledRun, PositionedTick } from './layout';
export { traceLanes, gilLaneNames } from './lanes';
export type { TraceLane, LaneKind, GilLaneNames } from './lanes';
export { columnRuns, keyedLane, pickKey, yieldingKey, firstEndingAfter } from './columns';
export type { ColumnRun, KeyedInterval, KeyedLane, Span, View } from './columns';
export { timeTicks } from './ticks';
export type { Tick } from './ticks';
export { formatMs, formatPercent } from './format';
export type { MsStyle } from './format';
export {
  backgrounds, stateColours, stateLabels, threadColours, threadColourIndex, colourVariable, lostUpdateColours,
  paletteDeclarations, contrastRatio, relativeLuminance,
} from './palette';
export type { Theme } from './palette';
export { summarizeRun } from './summary';
export { describeGilEvent } from './gil-causes';
export type { GilEventContext } from './gil-causes';
