/**
 * Timeline geometry, DOM-free: which lanes a run shows, where each lane sits, and
 * the downsampled segments to draw. The build-time SVG and the playground's canvas
 * both draw from this, so the two pictures agree.
 *
 * One panel per run (small multiples share one time axis so lengths compare):
 * a lane per thread coloured by state, a GIL-owner lane per interpreter that has
 * a GIL, and a lane per CPU, both coloured by thread.
 */
import type { RunResult } from '../sim/result';
import { downsample, type KeyedInterval, type Segment } from './downsample';
import { threadColourIndex } from './palette';
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

export type LaneKind = 'thread' | 'gil' | 'cpu';

export interface Lane {
  kind: LaneKind;
  /** The label drawn (shortened to fit the label column). */
  label: string;
  /** The full name, when `label` had to be shortened. */
  fullLabel?: string;
  y: number;
  height: number;
  /** For thread lanes: the thread's colour index (its swatch in the GIL and CPU lanes). */
  colourIndex?: number;
  /** Segments in absolute x; `key` is a ThreadState for thread lanes, `t<colourIndex>` otherwise. */
  segments: Segment[];
}

export interface Panel {
  label?: string;
  /** Baseline y of the panel's label, when it has one. */
  labelY?: number;
  /** Top of the panel label's row, when it has one (the row ends where the panel's first lane starts). */
  labelTop?: number;
  lanes: Lane[];
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
  const msPerPixel = endMs > 0 ? endMs / plotWidth : 1;

  const place = (intervals: KeyedInterval[]): Segment[] =>
    downsample(intervals, msPerPixel, plotWidth).map((segment) => ({ ...segment, x: segment.x + plotX }));

  let y = 0;
  const panels: Panel[] = runs.map((run, runIndex) => {
    const { trace } = run.result;
    if (runIndex > 0) y += panelGap;
    const panel: Panel = { lanes: [], hiddenThreads: 0 };
    if (run.label) {
      panel.label = run.label;
      panel.labelTop = y;
      panel.labelY = y + 15;
      y += panelLabelHeight;
    }
    const colourOf = new Map(trace.threads.map((thread, index) => [thread.id, threadColourIndex(index)]));
    const threadKey = (thread: number) => `t${colourOf.get(thread) ?? 0}`;
    const addLane = (lane: Omit<Lane, 'y' | 'height'>) => {
      const label = shortLabel(lane.label);
      panel.lanes.push({ ...lane, label, ...(label !== lane.label ? { fullLabel: lane.label } : {}), y, height: laneHeight });
      y += laneHeight + laneGap;
    };

    const shown = trace.threads.slice(0, maxThreadLanes);
    panel.hiddenThreads = trace.threads.length - shown.length;
    const intervalsByThread = new Map<number, KeyedInterval[]>();
    for (const interval of trace.intervals) {
      const list = intervalsByThread.get(interval.thread) ?? [];
      list.push({ start: interval.start, end: interval.end, key: interval.state });
      intervalsByThread.set(interval.thread, list);
    }
    for (const thread of shown) {
      addLane({
        kind: 'thread', label: thread.name, colourIndex: colourOf.get(thread.id),
        segments: place(intervalsByThread.get(thread.id) ?? []),
      });
    }

    const withGil = trace.interpreters.filter((interpreter) => interpreter.hasGil);
    if (withGil.length > 0) y += groupGap;
    for (const interpreter of withGil) {
      addLane({
        kind: 'gil',
        label: withGil.length > 1 ? `GIL ${interpreter.name}` : 'GIL held by',
        segments: place(trace.gil
          .filter((held) => held.interpreter === interpreter.id)
          .map((held) => ({ start: held.start, end: held.end, key: threadKey(held.thread) }))),
      });
    }

    y += groupGap;
    for (let cpu = 0; cpu < trace.cpus; cpu++) {
      addLane({
        kind: 'cpu',
        label: `CPU ${cpu}`,
        segments: place(trace.cpu
          .filter((slice) => slice.cpu === cpu)
          .map((slice) => ({ start: slice.start, end: slice.end, key: threadKey(slice.thread) }))),
      });
    }
    y -= laneGap;
    return panel;
  });

  const axisY = y + 6;
  const ticks = timeTicks(endMs).map((tick) => ({ ...tick, x: plotX + tick.ms / msPerPixel }));
  return { width, height: axisY + axisHeight, plotX, plotWidth, endMs, panels, axisY, ticks };
}
