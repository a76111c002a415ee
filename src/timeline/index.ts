/** Timeline geometry and colours, shared by the build-time SVG and the playground canvas. */
export { layoutTimeline, shortLabel } from './layout';
export type { TimelineLayout, TimelineOptions, Panel, Lane, LaneKind, LabelledRun, PositionedTick } from './layout';
export { downsample } from './downsample';
export type { KeyedInterval, Segment } from './downsample';
export { timeTicks } from './ticks';
export type { Tick } from './ticks';
export {
  backgrounds, stateColours, stateLabels, threadColours, threadColourIndex, colourVariable,
  paletteDeclarations, contrastRatio, relativeLuminance,
} from './palette';
export type { Theme } from './palette';
export { summarizeRun, formatMs, formatPercent } from './summary';
