/**
 * Gradient norms against time on a log scale: one line per recurrent layer, t = 1..T along
 * x, log10 ‖∂L/∂h_t‖ up. A vanishing gradient is a straight line falling to the left (slope
 * log10 of the per-step factor), an exploding one rises to the left. Plain SVG, for
 * `seqlab grad -o plot.svg`.
 */
import { svgDocument, textLine } from './svg-parts.js';
import { SANS, themeFor, type ThemeName } from './theme.js';
import { el, num } from './xml.js';

/** One layer's per-step norms (index 0 is t = 1). */
export interface NormSeries {
  readonly name: string;
  readonly values: readonly number[];
}

const COLOURS = ['#2563eb', '#ea580c', '#16a34a', '#9333ea', '#dc2626', '#0891b2'];
const W = 560;
const H = 320;
const PAD = { left: 64, right: 150, top: 34, bottom: 42 };

/** Integer decades covering [lo, hi], at most ~8 labels. */
function decades(lo: number, hi: number): number[] {
  const step = Math.max(1, Math.ceil((Math.ceil(hi) - Math.floor(lo)) / 8));
  const out: number[] = [];
  // Multiples of the step, so 1e0 is always a label when it is in range.
  for (let d = Math.ceil(lo / step) * step; d <= hi; d += step) out.push(d);
  return out;
}

/** Each layer's norms as a line (a dot when only one is finite), and its legend entry. */
function layerLines(
  logs: readonly (readonly (readonly [number, number])[])[],
  series: readonly NormSeries[],
  px: (t: number) => number,
  py: (y: number) => number,
  themeText: string,
): string[] {
  const out: string[] = [];
  logs.forEach((pts, i) => {
    const colour = COLOURS[i % COLOURS.length] ?? '#2563eb';
    const good = pts.filter(([, y]) => Number.isFinite(y));
    if (good.length > 1) {
      out.push(
        el('polyline', {
          points: good.map(([t, y]) => `${num(px(t))},${num(py(y))}`).join(' '),
          fill: 'none',
          stroke: colour,
          'stroke-width': 2,
        }),
      );
    } else if (good.length === 1) {
      const [t, y] = good[0] ?? [1, 0];
      out.push(el('circle', { cx: px(t), cy: py(y), r: 3, fill: colour }));
    }
    const ly = PAD.top + 14 + i * 16;
    const lx = W - PAD.right + 12;
    out.push(
      el('line', {
        x1: lx,
        x2: lx + 16,
        y1: ly - 4,
        y2: ly - 4,
        stroke: colour,
        'stroke-width': 2,
      }),
      textLine(lx + 20, ly, series[i]?.name ?? '', { size: 10, fill: themeText }),
    );
  });
  return out;
}

/** The chart; zero or non-finite norms leave gaps (log 0 has no place on the axis). */
export function gradNormsSvg(
  title: string,
  series: readonly NormSeries[],
  opts: { theme?: ThemeName } = {},
): string {
  const theme = themeFor(opts.theme ?? 'light');
  const logs = series.map((s) =>
    s.values.map((v, i) => [i + 1, v > 0 && Number.isFinite(v) ? Math.log10(v) : NaN] as const),
  );
  const ys = logs
    .flat()
    .map(([, y]) => y)
    .filter(Number.isFinite);
  let yMin = ys.length ? Math.min(...ys) : 0;
  let yMax = ys.length ? Math.max(...ys) : 1;
  if (yMax - yMin < 1) [yMin, yMax] = [Math.floor(yMin - 0.5), Math.ceil(yMax + 0.5)];
  const T = Math.max(1, ...series.map((s) => s.values.length));
  const px = (t: number): number =>
    PAD.left + (T === 1 ? 0.5 : (t - 1) / (T - 1)) * (W - PAD.left - PAD.right);
  const py = (y: number): number =>
    PAD.top + (1 - (y - yMin) / (yMax - yMin)) * (H - PAD.top - PAD.bottom);
  const body: string[] = [
    textLine(PAD.left, 20, title, { size: 13, weight: 'bold', fill: theme.text }),
    el('rect', {
      x: PAD.left,
      y: PAD.top,
      width: W - PAD.left - PAD.right,
      height: H - PAD.top - PAD.bottom,
      fill: 'none',
      stroke: '#d1d5db',
    }),
  ];
  for (const d of decades(yMin, yMax)) {
    body.push(
      el('line', { x1: PAD.left, x2: W - PAD.right, y1: py(d), y2: py(d), stroke: '#eef0f3' }),
      textLine(PAD.left - 6, py(d) + 4, `1e${d}`, { size: 10, fill: theme.muted, anchor: 'end' }),
    );
  }
  const every = Math.max(1, Math.ceil(T / 10));
  for (let t = 1; t <= T; t += every) {
    body.push(
      textLine(px(t), H - PAD.bottom + 14, String(t), {
        size: 10,
        fill: theme.muted,
        anchor: 'middle',
      }),
    );
  }
  body.push(
    textLine((PAD.left + W - PAD.right) / 2, H - 8, 't (time step)', {
      size: 10,
      fill: theme.muted,
      anchor: 'middle',
    }),
    textLine(14, PAD.top - 8, '‖∂L/∂h_t‖', { size: 10, fill: theme.muted }),
  );
  body.push(...layerLines(logs, series, px, py, theme.text));
  return svgDocument({
    width: W,
    height: H,
    title,
    theme,
    defs: [],
    body: [el('g', { 'font-family': SANS }, body)],
  });
}
