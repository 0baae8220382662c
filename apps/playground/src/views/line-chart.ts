/**
 * A live line chart on uPlot (fast canvas plots, made for streaming data). The container
 * also carries the plotted numbers as data attributes, so automation can read what is drawn.
 */
import uPlot from 'uplot';
import { STEP_INCREMENTS, yTicks } from './chart-ticks.js';

/** One line. */
export interface SeriesSpec {
  readonly label: string;
  readonly stroke: string;
  readonly width?: number;
  /** Draw the points too (sparse series such as one evaluation per epoch). */
  readonly points?: boolean;
  /** On the right-hand axis (a metric beside a loss: never one axis for both). */
  readonly right?: boolean;
}

/** Options of a chart. */
export interface ChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  /** The right-hand axis's name, for series with `right`. */
  readonly y2Label?: string;
  readonly series: readonly SeriesSpec[];
  readonly height?: number;
}

/** A chart bound to a container element. */
export class LineChart {
  private plot?: uPlot;
  private data: uPlot.AlignedData = [[]];
  private observer?: ResizeObserver;
  /** The x range to show (shared between charts), else the data's. */
  private xRange?: readonly [number, number];

  constructor(
    readonly container: HTMLElement,
    private readonly opts: ChartOptions,
  ) {
    this.data = [[], ...opts.series.map(() => [])];
    // uPlot needs a width: create it once the container has been laid out.
    this.observer = new ResizeObserver(() => this.fit());
    this.observer.observe(container);
  }

  private fit(): void {
    const width = Math.floor(this.container.clientWidth);
    if (width <= 0) return;
    const height = this.opts.height ?? 220;
    if (!this.plot) {
      this.plot = new uPlot(
        {
          width,
          height,
          legend: { show: true, live: false },
          cursor: { drag: { x: true, y: false } },
          scales: {
            x: { time: false, range: (_u, lo, hi) => this.rangeOf(lo, hi) },
          },
          axes: this.axes(),
          series: [
            { label: this.opts.xLabel },
            ...this.opts.series.map((s) => ({
              label: s.label,
              stroke: s.stroke,
              width: s.width ?? 1.5,
              points: { show: s.points ?? false, size: 6 },
              scale: s.right ? 'y2' : 'y',
            })),
          ],
        },
        this.data,
        this.container,
      );
    } else this.plot.setSize({ width, height });
  }

  /**
   * The axes: whole-number steps on x; at least four round y ticks (the count is kept in
   * `data-y-ticks` for automation); a right-hand axis when a series asks for one.
   */
  private axes(): uPlot.Axis[] {
    const grid = { stroke: '#f1f5f9' };
    const ticks = (key: string) => (_u: uPlot, _i: number, lo: number, hi: number) => {
      const t = yTicks(lo, hi);
      this.container.dataset[key] = String(t.length);
      return t;
    };
    const y: uPlot.Axis = {
      scale: 'y',
      label: this.opts.yLabel,
      stroke: '#6b7280',
      grid,
      size: 56,
    };
    return [
      {
        label: this.opts.xLabel,
        stroke: '#6b7280',
        grid,
        incrs: [...STEP_INCREMENTS],
        // One line of tick values and the axis name under it: uPlot's default 50 + 30 px
        // would take half of a short chart's height from the curve.
        size: 28,
        labelSize: 18,
      },
      { ...y, splits: ticks('yTicks') },
      ...(this.opts.series.some((s) => s.right)
        ? [
            {
              ...y,
              scale: 'y2',
              label: this.opts.y2Label ?? '',
              side: 1,
              grid: { show: false },
              splits: ticks('y2Ticks'),
            },
          ]
        : []),
    ];
  }

  private rangeOf(lo: number | null, hi: number | null): uPlot.Range.MinMax {
    const [a, b] = this.xRange ?? [lo ?? 0, hi ?? 1];
    return b > a ? [a, b] : [a, a + 1];
  }

  /**
   * Replace the data: x values and one array per series (null = gap); `xRange` fixes the x
   * axis (so two charts of one run share it), else it follows the data.
   */
  setData(
    x: readonly number[],
    ys: readonly (readonly (number | null)[])[],
    xRange?: readonly [number, number],
  ): void {
    this.xRange = xRange;
    this.data = [x as number[], ...ys.map((y) => y as (number | null)[])];
    this.plot?.setData(this.data);
    this.container.dataset['points'] = String(x.length);
    if (xRange) this.container.dataset['xRange'] = xRange.join(',');
  }

  /** Free the plot and stop watching the size. */
  destroy(): void {
    this.observer?.disconnect();
    this.plot?.destroy();
  }
}

/** Exponential moving average (the smoothed loss line); `alpha` weights the newest point. */
export function smooth(values: readonly number[], alpha = 0.1): number[] {
  const out: number[] = [];
  let acc: number | undefined;
  for (const v of values) {
    acc = acc === undefined ? v : alpha * v + (1 - alpha) * acc;
    out.push(acc);
  }
  return out;
}
