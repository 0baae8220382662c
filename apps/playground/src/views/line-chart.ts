/**
 * A live line chart on uPlot (fast canvas plots, made for streaming data). The container
 * also carries the plotted numbers as data attributes, so automation can read what is drawn.
 */
import uPlot from 'uplot';

/** One line. */
export interface SeriesSpec {
  readonly label: string;
  readonly stroke: string;
  readonly width?: number;
  /** Draw the points too (sparse series such as one evaluation per epoch). */
  readonly points?: boolean;
}

/** Options of a chart. */
export interface ChartOptions {
  readonly xLabel: string;
  readonly yLabel: string;
  readonly series: readonly SeriesSpec[];
  readonly height?: number;
}

/** A chart bound to a container element. */
export class LineChart {
  private plot?: uPlot;
  private data: uPlot.AlignedData = [[]];
  private observer?: ResizeObserver;

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
          scales: { x: { time: false } },
          axes: [
            { label: this.opts.xLabel, stroke: '#6b7280', grid: { stroke: '#f1f5f9' } },
            { label: this.opts.yLabel, stroke: '#6b7280', grid: { stroke: '#f1f5f9' }, size: 56 },
          ],
          series: [
            { label: this.opts.xLabel },
            ...this.opts.series.map((s) => ({
              label: s.label,
              stroke: s.stroke,
              width: s.width ?? 1.5,
              points: { show: s.points ?? false, size: 6 },
            })),
          ],
        },
        this.data,
        this.container,
      );
    } else this.plot.setSize({ width, height });
  }

  /** Replace the data: x values and one array per series (null = gap). */
  setData(x: readonly number[], ys: readonly (readonly (number | null)[])[]): void {
    this.data = [x as number[], ...ys.map((y) => y as (number | null)[])];
    this.plot?.setData(this.data);
    this.container.dataset['points'] = String(x.length);
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
