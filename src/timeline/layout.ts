/**
 * The build-time SVG's geometry, DOM-free: where each lane of each run sits and the
 * column runs to draw. The lanes come from `traceLanes` and the columns from
 * `columnRuns`, the same as the playground's canvas and the CLI, so the pictures agree.
 *
 * One panel per run (small multiples share one time axis so lengths compare):
 * a lane per thread coloured by state, a GIL-owner lane per interpreter that has
 * a GIL, and a lane per CPU, both coloured by thread.
 */
import type { RunResult } from '../sim/result';
import { columnRuns, type ColumnRun } from './columns';
import { traceLanes, type LaneKind } from './lanes';
import { timeTicks, type Tick } from './ticks';

export interface TimelineOptions {
  /** Total drawing width in px (the SVG viewBox width). */
  width?: number;
  /** Width of the lane-label column (0 when the labels are drawn outside the picture). */
  labelWidth?: number;
  /** Room right of the plot, for the last tick's label (0 when tick labels are drawn outside). */
  rightPadding?: number;
  laneHeight?: number;
  /** Thread lanes beyond this many are left out (and counted in `hiddenThreads`). */
  maxThreadLanes?: number;
}

/** A trace lane placed in the picture, with its columns. */
export interface PlacedLane {
  kind: LaneKind;
  /** The label drawn (shortened to fit the label column). */
  label: string;
  /** The full name, when `label` had to be shortened. */
  fullLabel?: string;
  y: number;
  height: number;
  /** For thread lanes: the thread's colour key `t<n>` (its swatch, the colour of its GIL and CPU spans). */
  threadKey?: string;
  /** Column runs in absolute x (`plotX` added); `key` is a ThreadState for thread lanes, `t<n>` otherwise. */
  runs: ColumnRun[];
  /** Thread lanes: absolute x of each lost update (see `TraceLane.marks`). */
  marks?: number[];
}

export interface Panel {
  label?: string;
  /** Baseline y of the panel's label, when it has one. */
  labelY?: number;
  /** Top of the panel label's row, when it has one (the row ends where the panel's first lane starts). */
  labelTop?: number;
  lanes: PlacedLane[];
  hiddenThreads: number;
}

export interface PositionedTick extends Tick {
  x: number;
}

export interface TimelineLayout {
  width: number;
  height: number;
  plotX: number;
  plotWidth: number;
  /** The shared time scale's end, ms. */
  endMs: number;
  panels: Panel[];
  axisY: number;
  ticks: PositionedTick[];
}

export interface LabelledRun {
  label?: string;
  result: RunResult;
}

const panelLabelHeight = 22;
const laneGap = 3;
const groupGap = 8;
const panelGap = 14;
const axisHeight = 26;
/** Characters that fit the default label column at 11 px. */
const maxLabelLength = 20;

/** Shorten a lane label to `max` characters with an ellipsis. */
export function shortLabel(label: string, max = maxLabelLength): string {
  return label.length <= max ? label : `${label.slice(0, max - 1)}…`;
}

/** Lay out one or more runs on a common time axis. */
export function layoutTimeline(runs: readonly LabelledRun[], options: TimelineOptions = {}): TimelineLayout {
  const width = options.width ?? 760;
  const labelWidth = options.labelWidth ?? 124;
  const rightPadding = options.rightPadding ?? 24;
  const laneHeight = options.laneHeight ?? 14;
  const maxThreadLanes = options.maxThreadLanes ?? 24;
  const plotX = labelWidth;
  const plotWidth = Math.max(1, Math.floor(width - labelWidth - rightPadding));
  const endMs = Math.max(0, ...runs.map((run) => run.result.trace.endMs));
  const view = { start: 0, end: endMs };
  const msPerPixel = endMs > 0 ? endMs / plotWidth : 1;

  let y = 0;
  const panels: Panel[] = runs.map((run, runIndex) => {
    if (runIndex > 0) y += panelGap;
    const panel: Panel = { lanes: [], hiddenThreads: 0 };
    if (run.label) {
      panel.label = run.label;
      panel.labelTop = y;
      panel.labelY = y + 15;
      y += panelLabelHeight;
    }
    const lanes = traceLanes(run.result.trace);
    const threads = lanes.filter((lane) => lane.kind === 'thread');
    panel.hiddenThreads = Math.max(0, threads.length - maxThreadLanes);
    const shown = [...threads.slice(0, maxThreadLanes), ...lanes.filter((lane) => lane.kind !== 'thread')];
    shown.forEach((lane, index) => {
      // A gap before the GIL lanes and before the CPU lanes.
      if (lane.kind !== 'thread' && lane.kind !== shown[index - 1]?.kind) y += groupGap;
      const label = shortLabel(lane.label);
      panel.lanes.push({
        kind: lane.kind, label, ...(label !== lane.label ? { fullLabel: lane.label } : {}), y, height: laneHeight,
        ...(lane.threadKey ? { threadKey: lane.threadKey } : {}),
        runs: columnRuns(lane, view, plotWidth).map((column) => ({ ...column, x0: column.x0 + plotX, x1: column.x1 + plotX })),
        ...(lane.marks?.length ? { marks: lane.marks.map((ms) => plotX + ms / msPerPixel) } : {}),
      });
      y += laneHeight + laneGap;
    });
    y -= laneGap;
    return panel;
  });

  const axisY = y + 6;
  const ticks = timeTicks(view).map((tick) => ({ ...tick, x: plotX + tick.ms / msPerPixel }));
  return { width, height: axisY + axisHeight, plotX, plotWidth, endMs, panels, axisY, ticks };
}
